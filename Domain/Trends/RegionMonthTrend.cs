using System.Globalization;
using AntiFraud.Domain.Incidents;
using AntiFraud.Domain.Regions;

namespace AntiFraud.Domain.Trends;

/// <summary>
/// One region's subtree for one China calendar month, with the changes commanders read: month-on-month (环比),
/// year-on-year (同比), rank among its siblings and the run of months with a month-on-month decline.
/// Written by the trend roll-up job; the same run over the same data writes the same documents.
/// </summary>
public sealed class RegionMonthTrend
{
    public string Id { get; set; } = "";
    public RegionCode Region { get; set; }
    /// <summary>The first day of the month.</summary>
    public DateOnly Month { get; set; }

    public MonthFigures Figures { get; set; } = MonthFigures.Zero;

    /// <summary>Change of incidents against the month before, as a fraction (−0.25 is a quarter fewer); null when that month had none.</summary>
    public double? MonthOnMonth { get; set; }
    /// <summary>Change of incidents against the same month a year before; null when that month had none.</summary>
    public double? YearOnYear { get; set; }
    public double? LossMonthOnMonth { get; set; }
    public Dictionary<FraudType, double?> TypeMonthOnMonth { get; set; } = [];

    /// <summary>1 for the sibling with the most incidents this month; siblings share a rank on equal counts.</summary>
    public int Rank { get; set; }
    public int Siblings { get; set; }

    /// <summary>Consecutive months up to and including this one whose incidents fell against the month before (0 when this one did not).</summary>
    public int DeclineStreak { get; set; }

    /// <summary>连续两个月环比下降: this month and the one before both fell month on month.</summary>
    public bool TwoMonthDecline => DeclineStreak >= 2;

    /// <summary>False while the month is still running: its figures will grow.</summary>
    public bool Complete { get; set; }

    /// <summary>
    /// For the month still running, the day of the month its changes are compared through: month-on-month against days 1 to this
    /// of the month before, year-on-year against the same days a year before. Null for a complete month (whole months compared).
    /// </summary>
    public int? ComparedThroughDay { get; set; }

    /// <summary>The same content (dictionaries compared by content: the store does not keep their order).</summary>
    public bool SameAs(RegionMonthTrend other) =>
        Id == other.Id && Region == other.Region && Month == other.Month && Figures.SameAs(other.Figures) &&
        MonthOnMonth == other.MonthOnMonth && YearOnYear == other.YearOnYear && LossMonthOnMonth == other.LossMonthOnMonth &&
        TypeMonthOnMonth.Count == other.TypeMonthOnMonth.Count &&
        TypeMonthOnMonth.All(kv => other.TypeMonthOnMonth.TryGetValue(kv.Key, out var v) && v == kv.Value) &&
        Rank == other.Rank && Siblings == other.Siblings && DeclineStreak == other.DeclineStreak && Complete == other.Complete &&
        ComparedThroughDay == other.ComparedThroughDay;

    public static string IdOf(RegionCode region, DateOnly month) =>
        string.Create(CultureInfo.InvariantCulture, $"{region}:{month:yyyyMM}");

    public static DateOnly MonthOf(DateOnly day) => new(day.Year, day.Month, 1);
}

/// <summary>A subtree's figures summed over one month (from the per-day roll-ups).</summary>
public sealed record MonthFigures(
    long Incidents, decimal Loss, IReadOnlyDictionary<FraudType, long> IncidentsByType,
    long DensLocatedHere, long PerpetratorsFromHere, long TwoCardsCases, long GangsBusted,
    long WarningsIssued, long Dissuaded)
{
    public static readonly MonthFigures Zero = new(0, 0m, new Dictionary<FraudType, long>(), 0, 0, 0, 0, 0, 0);

    public bool SameAs(MonthFigures o) =>
        this with { IncidentsByType = Zero.IncidentsByType } == o with { IncidentsByType = Zero.IncidentsByType } &&
        IncidentsByType.Count == o.IncidentsByType.Count &&
        IncidentsByType.All(kv => o.IncidentsByType.TryGetValue(kv.Key, out var v) && v == kv.Value);
}

/// <summary>
/// The month still running and what it is compared with: the month before and the same month a year before, each over the same
/// days (1 to <see cref="ThroughDay"/>), so that a month half gone is not read as half the month before.
/// </summary>
public sealed record RunningMonth(DateOnly Month, int ThroughDay,
    IReadOnlyDictionary<RegionCode, MonthFigures> MonthBefore, IReadOnlyDictionary<RegionCode, MonthFigures> YearBefore)
{
    /// <summary>
    /// Days 1 to <paramref name="throughDay"/> of <paramref name="month"/>, or the whole month when it is shorter (on 31 March the
    /// month before is the whole of February).
    /// </summary>
    public static (DateOnly From, DateOnly To) SameDays(DateOnly month, int throughDay) =>
        (month, month.AddDays(Math.Min(throughDay, DateTime.DaysInMonth(month.Year, month.Month)) - 1));
}
