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

    /// <summary>The main figures by hour of the China day, so a screen can compare with the same time yesterday.</summary>
    public HourlyFigures Hourly { get; set; } = new();

    public const int CallBackHistogramCap = 240;

    /// <summary>The day's figures up to <paramref name="hour"/>:<paramref name="minute"/> China time, prorating the current hour.</summary>
    public FigureSet UpTo(int hour, int minute)
    {
        var share = minute / 60m;
        decimal Sum(decimal[] byHour) => byHour.Take(hour).Sum() + byHour[hour] * share;
        decimal Count(long[] byHour) => byHour.Take(hour).Sum() + byHour[hour] * share;
        return new FigureSet(Count(Hourly.Incidents), Sum(Hourly.Loss), Sum(Hourly.Stopped), Sum(Hourly.Frozen), Sum(Hourly.Returned),
            Count(Hourly.WarningsIssued), Count(Hourly.CalledBack), Count(Hourly.Dissuaded));
    }

    /// <summary>The minute in which the day's middle first call-back fell, or null without call-backs.</summary>
    public double? MedianMinutesToCallBack() => RegionTotals.Median(new SortedDictionary<int, long>(CallBackMinutes), WarningsCalledBack);

    /// <summary>The whole day's main figures.</summary>
    public FigureSet Whole() => new(Incidents, Loss, Stopped, Frozen, Returned, WarningsIssued, WarningsCalledBack, Dissuaded);

    public static string IdOf(RegionCode region, DateOnly day) =>
        string.Create(CultureInfo.InvariantCulture, $"{region}:{day:yyyyMMdd}");

    /// <summary>The documents an event at <paramref name="place"/> on the China day of <paramref name="at"/> adds to.</summary>
    public static IEnumerable<string> IdsFor(RegionCode place, DateTimeOffset at) => IdsFor(place, ChinaTime.DayOf(at));

    public static IEnumerable<string> IdsFor(RegionCode place, DateOnly day) => place.SelfAndAncestors().Select(code => IdOf(code, day));

    public static (RegionCode Region, DateOnly Day) ParseId(string id) =>
        (RegionCode.Parse(id[..6]), DateOnly.ParseExact(id[7..], "yyyyMMdd", CultureInfo.InvariantCulture));
}

/// <summary>Hour-of-day arrays (China time, 0–23) of the figures the wall screen compares with yesterday.</summary>
public sealed class HourlyFigures
{
    public long[] Incidents { get; set; } = new long[24];
    public decimal[] Loss { get; set; } = new decimal[24];
    public decimal[] Stopped { get; set; } = new decimal[24];
    public decimal[] Frozen { get; set; } = new decimal[24];
    public decimal[] Returned { get; set; } = new decimal[24];
    public long[] WarningsIssued { get; set; } = new long[24];
    public long[] CalledBack { get; set; } = new long[24];
    public long[] Dissuaded { get; set; } = new long[24];
}

/// <summary>The headline figures of a span (decimal so a prorated hour stays exact enough to compare).</summary>
public sealed record FigureSet(decimal Incidents, decimal Loss, decimal Stopped, decimal Frozen, decimal Returned,
    decimal WarningsIssued, decimal WarningsCalledBack, decimal Dissuaded)
{
    public static readonly FigureSet Zero = new(0, 0, 0, 0, 0, 0, 0, 0);
}
