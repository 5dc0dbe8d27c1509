using System.Globalization;
using AntiFraud.Dashboard.Features.Incidents;
using AntiFraud.Dashboard.Features.Shell;
using AntiFraud.Dashboard.Localization;
using AntiFraud.Domain.Cards;
using AntiFraud.Domain.Regions;
using Microsoft.Extensions.Localization;

namespace AntiFraud.Dashboard.Features.Cards;

/// <summary>
/// Card decisions in the reader's language, from what the card event carries (rule, readings, window, reason) and nothing
/// recomputed. Any screen that shows a card (the cards page, the wall) says the same sentences through this class.
/// </summary>
public static class CardText
{
    /// <summary>
    /// Why a decision was taken, as sentences in the current UI language: the rule that fired, then the indicators with their
    /// values, lines and window (e.g. "近3个月（2026-08-01至2026-10-31）窝点 12 个，超过警戒线 5 个（同级前1%，且不少于3）。"),
    /// and for a commander's decision the centre and the reason given.
    /// </summary>
    /// <param name="entry">One decision from <see cref="RegionCard.History"/> (or <see cref="RegionCard.Current"/>).</param>
    /// <param name="T">The product's UI text.</param>
    /// <param name="catalog">For the names of deciding centres.</param>
    /// <param name="rules">
    /// Today's rules, used only for decisions stored without their own settings, to name how each line is set ("top 1% of the
    /// tier, at least 3") and the months the escalation and lifting rules count; left out when null.
    /// </param>
    public static IReadOnlyList<string> Explain(CardHistoryEntry entry, IStringLocalizer<Text> T, RegionCatalog catalog, CardRules? rules = null)
    {
        var sentences = new List<string> { Why(entry, T, catalog, rules) };
        if (Readings(entry, T, rules) is { } readings) sentences.Add(readings);
        if (entry.DecidedBy == CardDecidedBy.Commander && !string.IsNullOrWhiteSpace(entry.Reason))
            sentences.Add(T["Card.Reason", entry.Reason.Trim()]);
        return sentences;
    }

    /// <summary>The rule in a few words, for a table cell: "一项指标超线", "人工决定".</summary>
    public static string Rule(string rule, IStringLocalizer<Text> T) =>
        RuleKey(rule) is { } key ? T[$"Card.Rule.{key}"] : rule;

    /// <summary>What the decision did, in a word or two: "挂牌", "升级", "摘牌".</summary>
    public static string Change(CardChange change, IStringLocalizer<Text> T) => T[$"Card.Change.{change}"];

    /// <summary>The card's colour as a word: "黄牌", "红牌".</summary>
    public static string Level(CardLevel level, IStringLocalizer<Text> T) => T[$"Card.{level}"];

    /// <summary>Who decided: "规则自动评估", or "广东省反诈中心（人工）".</summary>
    public static string DecidedBy(CardHistoryEntry entry, IStringLocalizer<Text> T, RegionCatalog catalog) =>
        entry.DecidedBy == CardDecidedBy.Commander
            ? T["Card.DecidedBy.Commander", IncidentText.Centre(T, catalog, entry.DecidedByCentre)]
            : T["Card.DecidedBy.Rules"];

    /// <summary>
    /// The regions above <paramref name="code"/> (the nation and placeholder cities left out), e.g. "广东省 · 深圳市"
    /// ("Shenzhen, Guangdong"), written as <see cref="CardRegionInput.Place"/> writes the whole place.
    /// </summary>
    public static string Parents(RegionCatalog catalog, RegionCode code) =>
        catalog.TryGet(code, out var region) ? PlaceText.Joined(region.NamedAncestors, " · ") : "";

    /// <summary>A moment in China time, to the minute.</summary>
    public static string When(DateTimeOffset moment) => Shell.Format.ChinaTime(moment, "yyyy-MM-dd HH:mm");

    /// <summary>"00:30" when the cron expression runs once a day at a fixed time; null for any other schedule.</summary>
    public static string? DailyTime(string? cron)
    {
        var fields = (cron ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 5 || fields[2..].Any(f => f != "*")) return null;
        return int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var minute) && minute is >= 0 and < 60
            && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var hour) && hour is >= 0 and < 24
            ? $"{hour:D2}:{minute:D2}"
            : null;
    }

    /// <summary>Whole calendar months from the first day of <paramref name="from"/>'s month to <paramref name="to"/>'s.</summary>
    public static int Months(DateOnly from, DateOnly to) => (to.Year - from.Year) * 12 + to.Month - from.Month + 1;

    private static string Why(CardHistoryEntry entry, IStringLocalizer<Text> T, RegionCatalog catalog, CardRules? rules)
    {
        var crossed = entry.Readings.Count(r => r.Crossed);
        var settings = entry.Settings ?? (rules is null ? null : CardRuleSettings.Of(rules));
        var redWhen = settings?.RedWhenIndicators ?? 2;
        return entry.Rule switch
        {
            CardRuleNames.Manual => T["Card.Why.Manual", IncidentText.Centre(T, catalog, entry.DecidedByCentre), ManualChange(entry, T)],
            CardRuleNames.OneIndicator => T["Card.Why.OneIndicator", crossed, redWhen],
            CardRuleNames.SeveralIndicators when entry.Change == CardChange.Escalated => T["Card.Why.SeveralIndicatorsEscalated", crossed, redWhen],
            CardRuleNames.SeveralIndicators => T["Card.Why.SeveralIndicators", crossed, redWhen],
            CardRuleNames.YellowUnimproved => settings is null ? T["Card.Why.YellowUnimprovedPlain"] : T["Card.Why.YellowUnimproved", settings.EscalateAfterMonths],
            CardRuleNames.Improved => settings is null ? T["Card.Why.ImprovedPlain"] : T["Card.Why.Improved", settings.LiftAfterImprovingMonths],
            _ => T["Card.Why.Other", entry.Rule],
        };
    }

    private static string ManualChange(CardHistoryEntry entry, IStringLocalizer<Text> T) => entry.Change switch
    {
        CardChange.Issued => T["Card.Manual.Issued", Level(entry.Level, T)],
        CardChange.Escalated => T["Card.Manual.Escalated"],
        _ => T["Card.Manual.Lifted", Level(entry.Level, T)],
    };

    /// <summary>
    /// One sentence with the window and the indicators that matter: those that crossed their lines, or all of them when a card
    /// was lifted (then each says how many months it has been falling). Null when the decision carried no readings.
    /// </summary>
    private static string? Readings(CardHistoryEntry entry, IStringLocalizer<Text> T, CardRules? rules)
    {
        if (entry.Readings.Count == 0) return null;
        var shown = entry.Change == CardChange.Lifted || !entry.Readings.Any(r => r.Crossed)
            ? entry.Readings
            : entry.Readings.Where(r => r.Crossed).ToList();
        var parts = shown.Select(r => Reading(r, entry.Change == CardChange.Lifted, T, rules));
        var window = entry.WindowFrom == default
            ? ""
            : T["Card.Window", Months(entry.WindowFrom, entry.WindowTo), Iso(entry.WindowFrom), Iso(entry.WindowTo)].Value;
        return T["Card.Readings", window, string.Join(T["Card.ReadingSeparator"], parts)];
    }

    private static string Reading(IndicatorReading reading, bool showDecline, IStringLocalizer<Text> T, CardRules? rules)
    {
        var value = T[$"Card.Count.{reading.Indicator}", Count(reading.Value)];
        var line = T[$"Card.Amount.{reading.Indicator}", Count(reading.Line)];
        var key = reading.Value > reading.Line ? "Card.Reading.Above" : reading.Value == reading.Line ? "Card.Reading.AtLine" : "Card.Reading.Below";
        // The line's basis as it was when the card was decided; today's rules only for readings stored without it.
        var (top, minimum) = reading.TopPercent > 0
            ? (reading.TopPercent, reading.MinimumCount)
            : rules?.Indicators.FirstOrDefault(i => i.Indicator == reading.Indicator) is { } rule ? (rule.TopPercent, rule.MinimumCount) : (0, 0);
        var basis = top > 0
            ? T["Card.LineBasis", top.ToString("0.##", CultureInfo.CurrentCulture), Count(minimum)].Value
            : "";
        var sentence = T[key, value, line, basis].Value;
        if (showDecline && reading.ImprovingMonths() is > 0 and var months) sentence += T["Card.Reading.Falling", months];
        return sentence;
    }

    private static string Count(long n) => n.ToString("N0", CultureInfo.CurrentCulture);

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string? RuleKey(string rule) => rule switch
    {
        CardRuleNames.OneIndicator => "OneIndicator",
        CardRuleNames.SeveralIndicators => "SeveralIndicators",
        CardRuleNames.YellowUnimproved => "YellowUnimproved",
        CardRuleNames.Improved => "Improved",
        CardRuleNames.Manual => "Manual",
        _ => null,
    };
}
