using AntiFraud.Domain.Regions;

namespace AntiFraud.Domain.Cards;

/// <summary>The four "many" (四多) a card is given for.</summary>
public enum CardIndicator
{
    /// <summary>Fraud dens located in the region (窝点多).</summary>
    Dens = 1,
    /// <summary>Perpetrators counted by their home region (作案人员多).</summary>
    Perpetrators = 2,
    /// <summary>Black and grey industry cases: "two cards" trading and the like (黑灰产多).</summary>
    BlackGreyIndustry = 3,
    /// <summary>Victims: incidents reported in the region (受骗群众多).</summary>
    Victims = 4,
}

/// <summary>
/// One indicator as it was read when a card was decided: its value over the window, the line it was held against, and its
/// value in each month of the window (oldest first) so improvement can be seen. <see cref="TopPercent"/> and
/// <see cref="MinimumCount"/> say how the line was set at the time (0 when unknown).
/// </summary>
public sealed record IndicatorReading(CardIndicator Indicator, long Value, long Line, bool Crossed, IReadOnlyList<long> ByMonth,
    double TopPercent = 0, long MinimumCount = 0)
{
    /// <summary>Months in a row, ending with the window's last, in which the indicator fell against the month before or was zero.</summary>
    public int ImprovingMonths()
    {
        var months = 0;
        for (var i = ByMonth.Count - 1; i >= 1; i--)
        {
            if (ByMonth[i] < ByMonth[i - 1] || ByMonth[i] == 0) months++;
            else break;
        }
        return months;
    }
}

/// <summary>The settings of the rules when they decided, so an old card is explained by the rules that gave it.</summary>
public sealed record CardRuleSettings(int RedWhenIndicators, int EscalateAfterMonths, int LiftAfterImprovingMonths)
{
    public static CardRuleSettings Of(CardRules rules) => new(rules.RedWhenIndicators, rules.EscalateAfterMonths, rules.LiftAfterImprovingMonths);
}

/// <summary>Who decided: the nightly rules, or a commander by hand.</summary>
public enum CardDecidedBy { Rules = 1, Commander = 2 }

/// <summary>Common to every card event: the region's card stream is one per region, the card's whole history.</summary>
public interface ICardEvent
{
    RegionCode Region { get; }
    DateTimeOffset At { get; }
}

/// <summary>
/// A card given to a region. <see cref="Rule"/> names the rule that fired (or "manual"); <see cref="Readings"/>, the window
/// and the reason say exactly why, so a screen can explain it without recomputing anything.
/// </summary>
public sealed record CardIssued(RegionCode Region, CardLevel Level, string Rule, IReadOnlyList<IndicatorReading> Readings,
    DateOnly WindowFrom, DateOnly WindowTo, CardDecidedBy DecidedBy, RegionCode DecidedByCentre, string Reason, DateTimeOffset At,
    CardRuleSettings? Settings = null) : ICardEvent;

/// <summary>A yellow card raised to red.</summary>
public sealed record CardEscalated(RegionCode Region, CardLevel From, CardLevel To, string Rule, IReadOnlyList<IndicatorReading> Readings,
    DateOnly WindowFrom, DateOnly WindowTo, CardDecidedBy DecidedBy, RegionCode DecidedByCentre, string Reason, DateTimeOffset At,
    CardRuleSettings? Settings = null) : ICardEvent;

/// <summary>A card taken back after the region improved (or by a commander's decision).</summary>
public sealed record CardLifted(RegionCode Region, CardLevel Level, string Rule, IReadOnlyList<IndicatorReading> Readings,
    DateOnly WindowFrom, DateOnly WindowTo, CardDecidedBy DecidedBy, RegionCode DecidedByCentre, string Reason, DateTimeOffset At,
    CardRuleSettings? Settings = null) : ICardEvent;
