using System.Globalization;
using AntiFraud.Domain.Activity;
using AntiFraud.Domain.Common;
using AntiFraud.Domain.Incidents;
using AntiFraud.Domain.Regions;
using AntiFraud.Domain.Warnings;

namespace AntiFraud.Domain.Figures;

/// <summary>
/// The totals of one region's whole subtree for one China day. Every event adds to the document of its county and of each
/// ancestor, so a city, a province or the nation reads its figures from one row per day instead of summing its counties.
/// </summary>
public sealed class RegionDayTotals
{
    public string Id { get; set; } = "";
    public RegionCode Region { get; set; }
    public DateOnly Day { get; set; }

    public long Incidents { get; set; }
    public Dictionary<FraudType, long> IncidentsByType { get; set; } = [];
    public Dictionary<Channel, long> IncidentsByChannel { get; set; } = [];
    /// <summary>Incidents by hour of the China day they occurred (0–23).</summary>
    public long[] IncidentsByHour { get; set; } = new long[24];
    public decimal Loss { get; set; }
    public decimal Stopped { get; set; }
    public decimal Frozen { get; set; }
    public decimal Returned { get; set; }
    public long CasesFiled { get; set; }
    public long CasesSolved { get; set; }
    public long Arrests { get; set; }
    public long SuspectsIdentified { get; set; }
    /// <summary>Suspects whose home region lies here (perpetrators are counted where they come from).</summary>
    public long PerpetratorsFromHere { get; set; }
    /// <summary>Domestic fraud dens located in this region.</summary>
    public long DensLocatedHere { get; set; }
    public Dictionary<DenCountry, long> DensByCountry { get; set; } = [];

    public long WarningsIssued { get; set; }
    public Dictionary<WarningOutcome, long> WarningOutcomes { get; set; } = [];
    public long WarningsCalledBack { get; set; }
    public double CallBackMinutesTotal { get; set; }
    /// <summary>First call-backs by whole minutes after the warning (capped at <see cref="CallBackHistogramCap"/>), for medians.</summary>
    public Dictionary<int, long> CallBackMinutes { get; set; } = [];
    public long Dissuaded { get; set; }

    public ActivityCounts Activity { get; set; } = ActivityCounts.Zero;

    public const int CallBackHistogramCap = 240;

    public static string IdOf(RegionCode region, DateOnly day) =>
        string.Create(CultureInfo.InvariantCulture, $"{region}:{day:yyyyMMdd}");

    /// <summary>The documents an event at <paramref name="place"/> on the China day of <paramref name="at"/> adds to.</summary>
    public static IEnumerable<string> IdsFor(RegionCode place, DateTimeOffset at) => IdsFor(place, ChinaTime.DayOf(at));

    public static IEnumerable<string> IdsFor(RegionCode place, DateOnly day)
    {
        for (RegionCode? r = place; r is { } code; r = code.Parent)
            yield return IdOf(code, day);
    }

    public static (RegionCode Region, DateOnly Day) ParseId(string id) =>
        (RegionCode.Parse(id[..6]), DateOnly.ParseExact(id[7..], "yyyyMMdd", CultureInfo.InvariantCulture));
}
