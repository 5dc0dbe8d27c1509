using AntiFraud.Domain.Cards;
using AntiFraud.Domain.Figures;
using AntiFraud.Domain.Incidents;
using AntiFraud.Domain.Regions;

namespace AntiFraud.Domain.Briefings;

/// <summary>
/// Everything a briefing says about one region's subtree on one China day, gathered once and stored with it, so the sentences
/// (in either language) and the PDF always tell the same story, however late they are read.
/// </summary>
public sealed record BriefingFacts(
    KeyFigures Day,
    KeyFigures DayBefore,
    KeyFigures SameDayLastWeek,
    KeyFigures Average30Days,
    IReadOnlyList<TypeShare> TypeShares,
    IReadOnlyList<NotableIncident> LargestLosses,
    IReadOnlyList<NotableIncident> Notable,
    IReadOnlyList<CardChangeFact> CardChanges,
    CardsHeld CardsHeldAtEnd,
    DateOnly? TrendMonth,
    int? OwnDeclineStreak,
    IReadOnlyList<DeclineFact> DeclineStreaks,
    IReadOnlyList<ChildFact> BusiestChildren,
    IReadOnlyList<DailyPoint> Last30Days)
{
    public static readonly BriefingFacts Empty = new(KeyFigures.Zero, KeyFigures.Zero, KeyFigures.Zero, KeyFigures.Zero, [], [], [], [],
        new CardsHeld(0, 0), null, null, [], [], []);

    /// <summary>The four high-incidence types the article names (over 70 % of cases).</summary>
    public static readonly FraudType[] HighIncidenceTypes =
        [FraudType.Loan, FraudType.OrderBrushing, FraudType.PigButchering, FraudType.FakeCustomerService];

    /// <summary>Nothing at all was reported for the day: no incident, no warning, no counter.</summary>
    public bool Quiet => Day.Incidents == 0 && Day.WarningsIssued == 0 && Day.WarningsCalledBack == 0 && Day.Stopped == 0;
}

/// <summary>
/// The figures a briefing compares. Counts are decimal so that one shape also holds the 30-day daily average (rounded to hundredths).
/// </summary>
public sealed record KeyFigures(
    decimal Incidents, decimal Loss, decimal Stopped, decimal Frozen, decimal Returned,
    decimal CasesFiled, decimal CasesSolved, decimal Arrests,
    decimal WarningsIssued, decimal WarningsCalledBack, decimal Dissuaded, double? MedianMinutesToCallBack)
{
    public static readonly KeyFigures Zero = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null);

    public static KeyFigures Of(RegionTotals t) => new(t.Incidents, t.Loss, t.Stopped, t.Frozen, t.Returned, t.CasesFiled, t.CasesSolved,
        t.Arrests, t.WarningsIssued, t.WarningsCalledBack, t.Dissuaded, t.MedianMinutesToCallBack);

    /// <summary>The daily average of totals over <paramref name="days"/> days; the median call-back time is that of the whole span.</summary>
    public static KeyFigures AverageOf(RegionTotals t, int days)
    {
        decimal Avg(decimal total) => Math.Round(total / days, 2, MidpointRounding.AwayFromZero);
        return new(Avg(t.Incidents), Avg(t.Loss), Avg(t.Stopped), Avg(t.Frozen), Avg(t.Returned), Avg(t.CasesFiled), Avg(t.CasesSolved),
            Avg(t.Arrests), Avg(t.WarningsIssued), Avg(t.WarningsCalledBack), Avg(t.Dissuaded), t.MedianMinutesToCallBack);
    }
}

/// <summary>One fraud type's incidents on the day and its share of all of them (0–1, rounded to four places).</summary>
public sealed record TypeShare(FraudType Type, long Incidents, decimal Share);

/// <summary>Why an incident is worth a commander's attention beyond its place in the loss ranking.</summary>
public enum NotableReason
{
    /// <summary>A loss of a million yuan or more (百万元以上).</summary>
    LargeLoss = 1,
    /// <summary>The victim works in finance, a group the anti-fraud campaign targets by name.</summary>
    FinanceStaffVictim = 2,
}

/// <summary>An incident named in the briefing; <see cref="Place"/> is the county's full name below the nation.</summary>
public sealed record NotableIncident(Guid Id, RegionCode County, string Place, FraudType Type, decimal Loss, DateTimeOffset OccurredAt,
    IReadOnlyList<NotableReason> Reasons);

/// <summary>A card issued, escalated or lifted on the day in the subtree.</summary>
public sealed record CardChangeFact(RegionCode Region, string Place, CardChange Change, CardLevel Level, DateTimeOffset At, string Reason);

/// <summary>Regions in the subtree holding a card at the end of the day.</summary>
public sealed record CardsHeld(int Yellow, int Red)
{
    public int Total => Yellow + Red;
}

/// <summary>A region below the briefing's region whose incidents fell month on month for <see cref="Streak"/> months running.</summary>
public sealed record DeclineFact(RegionCode Region, string Name, int Streak, double? MonthOnMonth);

/// <summary>A region directly below the briefing's region with its incidents on the day and the day before.</summary>
public sealed record ChildFact(RegionCode Region, string Name, long Incidents, long IncidentsDayBefore, decimal Loss);

/// <summary>One day of the 30 that end on the briefing's day, for the chart.</summary>
public sealed record DailyPoint(DateOnly Day, long Incidents, decimal Loss);
