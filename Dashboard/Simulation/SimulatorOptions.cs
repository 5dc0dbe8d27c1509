using System.ComponentModel.DataAnnotations;
using AntiFraud.Domain.Regions;

namespace AntiFraud.Dashboard.Simulation;

/// <summary>Settings of the simulator that reports realistic incidents, warnings and counters live, and of the history backfill.</summary>
public sealed class SimulatorOptions
{
    public const string Section = "Simulator";

    /// <summary><c>auto</c> (or empty): on with the embedded database, off with a configured server and in the Testing environment. <c>true</c>/<c>false</c> win.</summary>
    [RegularExpression("^(?i:auto|true|false)?$", ErrorMessage = "Simulator:Enabled must be auto, true or false.")]
    public string? Enabled { get; set; } = "auto";

    /// <summary>Incidents a minute nationally, on average over the day (fewer at night, more in the day and evening).</summary>
    [Range(0, 6_000, ErrorMessage = "Simulator:IncidentsPerMinute must be between 0 and 6000.")]
    public double IncidentsPerMinute { get; set; } = 30;

    /// <summary>Warnings a minute nationally, on average over the day; each is called back within minutes.</summary>
    [Range(0, 60_000, ErrorMessage = "Simulator:WarningsPerMinute must be between 0 and 60000.")]
    public double WarningsPerMinute { get; set; } = 300;

    /// <summary>Every this many minutes each province reports its enforcement counters (calls and texts intercepted, ...).</summary>
    [Range(1, 60, ErrorMessage = "Simulator:ActivityFlushMinutes must be between 1 and 60.")]
    public int ActivityFlushMinutes { get; set; } = 5;

    /// <summary>The same seed gives the same reports with the same ids.</summary>
    [Range(0, int.MaxValue, ErrorMessage = "Simulator:Seed must be a non-negative whole number.")]
    public int Seed { get; set; } = 2026;

    /// <summary>Months of history the simulator fills in at start-up on a store without reports (0: none).</summary>
    [Range(0, 36, ErrorMessage = "Simulator:BackfillMonths must be between 0 and 36.")]
    public int BackfillMonths { get; set; } = 13;

    /// <summary>
    /// Incidents a day nationally in the history, around 2026 (earlier months a little more: cases fall about 11 % a year). The
    /// default is about 1/25 of the cases solved nationally a day: 13 months of it, with every later step and the roll-ups, fill
    /// in under two minutes on two cores. The shape (types, channels, regions, rhythm, lifecycle) is the real one.
    /// </summary>
    [Range(0, 100_000, ErrorMessage = "Simulator:HistoryIncidentsPerDay must be between 0 and 100000.")]
    public double HistoryIncidentsPerDay { get; set; } = 50;

    /// <summary>Warnings a day nationally in the history (far fewer than live: history is for trends and comparisons, not queues).</summary>
    [Range(0, 1_000_000, ErrorMessage = "Simulator:HistoryWarningsPerDay must be between 0 and 1000000.")]
    public double HistoryWarningsPerDay { get; set; } = 25;

    /// <summary>Whether the simulator runs: an explicit true/false wins; auto means on with the embedded database, except under tests.</summary>
    public bool IsOn(bool embeddedDatabase, bool testing) => Enabled?.Trim().ToLowerInvariant() switch
    {
        "true" => true,
        "false" => false,
        _ => embeddedDatabase && !testing,
    };
}

/// <summary>Who the simulator reports as: a reporting key of its own, for the national centre (so it may report anywhere).</summary>
public static class SimulatorCentre
{
    /// <summary>The simulator's reporting key id. No secret exists for it: only the simulator in the app reports with it.</summary>
    public static readonly Guid Key = new("5151a7e0-0000-4000-8000-000000000001");

    public static readonly RegionCode Centre = RegionCode.National;
}
