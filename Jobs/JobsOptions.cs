using System.ComponentModel.DataAnnotations;

namespace AntiFraud.Jobs;

/// <summary>Where Hangfire keeps its state, whether this process works jobs, and when the recurring ones run (China time).</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>Work jobs in this process. Web nodes may turn it off when separate workers (<c>dotnet run --project Jobs</c>) do the work.</summary>
    public bool Server { get; set; } = true;

    /// <summary>Register the recurring schedules at start (idempotent: every process may do it).</summary>
    public bool Schedule { get; set; } = true;

    /// <summary>PostgreSQL schema of Hangfire's own tables, beside the event store in the same database.</summary>
    [Required, RegularExpression("^[a-z_][a-z0-9_]{0,62}$", ErrorMessage = "Jobs:Schema must be a lower-case PostgreSQL identifier.")]
    public string Schema { get; set; } = "hangfire";

    [Range(1, 64)] public int WorkerCount { get; set; } = 2;

    /// <summary>Cron expressions, read in China Standard Time.</summary>
    [Required] public string HourlyTrendsCron { get; set; } = "5 * * * *";
    [Required] public string NightlyTrendsCron { get; set; } = "15 0 * * *";
    [Required] public string CardsCron { get; set; } = "30 0 * * *";
    [Required] public string BriefingsCron { get; set; } = "0 8 * * *";
}
