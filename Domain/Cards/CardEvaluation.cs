using AntiFraud.Domain.Common;
using AntiFraud.Domain.Regions;
using AntiFraud.Domain.Trends;

namespace AntiFraud.Domain.Cards;

/// <summary>The completed months the indicators are read over: <see cref="From"/> is the first day of the first, <see cref="To"/> the last day of the last.</summary>
public sealed record CardWindow(DateOnly From, DateOnly To, IReadOnlyList<DateOnly> Months)
{
    /// <summary>The <paramref name="months"/> whole China calendar months before the one <paramref name="today"/> is in.</summary>
    public static CardWindow EndingBefore(DateOnly today, int months)
    {
        var current = RegionMonthTrend.MonthOf(today);
        var list = Enumerable.Range(1, months).Select(i => current.AddMonths(-i)).Reverse().ToList();
        return new CardWindow(list[0], current.AddDays(-1), list);
    }
}

/// <summary>Rule names stored in card events; screens explain each in the reader's language.</summary>
public static class CardRuleNames
{
    public const string OneIndicator = "one-indicator";
    public const string SeveralIndicators = "several-indicators";
    public const string YellowUnimproved = "yellow-unimproved";
    public const string Improved = "improved";
    public const string Manual = "manual";
}

/// <summary>
/// The card rules as pure functions: indicator readings from monthly totals, the lines among same-tier regions, and the
/// decision for one region given the card it holds. Deciding again on the same readings decides nothing new.
/// </summary>
public static class CardEvaluation
{
    public static long ValueOf(CardIndicator indicator, MonthFigures figures) => indicator switch
    {
        CardIndicator.Dens => figures.DensLocatedHere,
        CardIndicator.Perpetrators => figures.PerpetratorsFromHere,
        CardIndicator.BlackGreyIndustry => figures.TwoCardsCases,
        CardIndicator.Victims => figures.Incidents,
        _ => 0,
    };

    /// <summary>The line of each indicator among <paramref name="regions"/> (every region of the tier, quiet ones included).</summary>
    public static Dictionary<CardIndicator, long> Lines(CardRules rules, IReadOnlyCollection<RegionCode> regions,
        IReadOnlyDictionary<(RegionCode Region, DateOnly Month), MonthFigures> months, CardWindow window)
    {
        var lines = new Dictionary<CardIndicator, long>();
        foreach (var rule in rules.Indicators)
        {
            var values = regions.Select(r => WindowValue(rule.Indicator, r, months, window)).OrderDescending().ToList();
            var top = Math.Max(1, (int)Math.Ceiling(values.Count * rule.TopPercent / 100));
            var cut = values.Count == 0 ? 0 : values[Math.Min(top, values.Count) - 1];
            lines[rule.Indicator] = Math.Max(rule.MinimumCount, cut);
        }
        return lines;
    }

    public static IReadOnlyList<IndicatorReading> Read(CardRules rules, RegionCode region, IReadOnlyDictionary<CardIndicator, long> lines,
        IReadOnlyDictionary<(RegionCode Region, DateOnly Month), MonthFigures> months, CardWindow window) =>
        rules.Indicators.Select(rule =>
        {
            var byMonth = window.Months.Select(m => ValueOf(rule.Indicator, months.GetValueOrDefault((region, m), MonthFigures.Zero))).ToList();
            var value = byMonth.Sum();
            var line = lines[rule.Indicator];
            return new IndicatorReading(rule.Indicator, value, line, value >= line, byMonth, rule.TopPercent, rule.MinimumCount);
        }).ToList();

    private static long WindowValue(CardIndicator indicator, RegionCode region,
        IReadOnlyDictionary<(RegionCode Region, DateOnly Month), MonthFigures> months, CardWindow window) =>
        window.Months.Sum(m => ValueOf(indicator, months.GetValueOrDefault((region, m), MonthFigures.Zero)));

    /// <summary>
    /// What the rules do with a region: issue, escalate, lift, or nothing (null). Cards a commander issued or escalated by
    /// hand are left to commanders.
    /// </summary>
    public static ICardEvent? Decide(CardRules rules, RegionCode region, RegionCard? card, IReadOnlyList<IndicatorReading> readings,
        CardWindow window, DateTimeOffset now)
    {
        var crossed = readings.Count(r => r.Crossed);
        CardLevel? deserved = crossed >= rules.RedWhenIndicators ? CardLevel.Red : crossed >= 1 ? CardLevel.Yellow : null;

        if (card?.Level is not { } held)
        {
            if (deserved is not { } level) return null;
            var rule = level == CardLevel.Red ? CardRuleNames.SeveralIndicators : CardRuleNames.OneIndicator;
            return new CardIssued(region, level, rule, readings, window.From, window.To, CardDecidedBy.Rules, RegionCode.National, "", now, CardRuleSettings.Of(rules));
        }
        if (card.Current is not { } current || current.DecidedBy == CardDecidedBy.Commander) return null;

        var givenFor = GivenFor(card, readings);
        if (held == CardLevel.Yellow)
        {
            if (deserved == CardLevel.Red)
                return new CardEscalated(region, CardLevel.Yellow, CardLevel.Red, CardRuleNames.SeveralIndicators, readings, window.From, window.To,
                    CardDecidedBy.Rules, RegionCode.National, "", now, CardRuleSettings.Of(rules));
            var heldLongEnough = card.LevelSince is { } since && since.AddMonths(rules.EscalateAfterMonths) <= now;
            if (heldLongEnough && givenFor.All(r => r.Crossed && r.ImprovingMonths() == 0))
                return new CardEscalated(region, CardLevel.Yellow, CardLevel.Red, CardRuleNames.YellowUnimproved, readings, window.From, window.To,
                    CardDecidedBy.Rules, RegionCode.National, "", now, CardRuleSettings.Of(rules));
        }
        if (deserved is null && givenFor.All(r => r.ImprovingMonths() >= rules.LiftAfterImprovingMonths))
            return new CardLifted(region, held, CardRuleNames.Improved, readings, window.From, window.To, CardDecidedBy.Rules, RegionCode.National, "", now, CardRuleSettings.Of(rules));
        return null;
    }

    /// <summary>Today's readings of the indicators the card was given for (all of them when it was given without readings).</summary>
    private static List<IndicatorReading> GivenFor(RegionCard card, IReadOnlyList<IndicatorReading> readings)
    {
        var causes = card.Current?.Readings.Where(r => r.Crossed).Select(r => r.Indicator).ToHashSet() ?? [];
        var given = readings.Where(r => causes.Contains(r.Indicator)).ToList();
        return given.Count > 0 ? given : readings.ToList();
    }
}
