using AntiFraud.Domain.Common;
using AntiFraud.Domain.Regions;

namespace AntiFraud.Domain.Cards;

/// <summary>
/// A commander's hand on the cards: a centre of a higher tier may issue, escalate or lift the card of a region inside its
/// jurisdiction, always with a reason. Refusals name the field and say why; nothing is written when refused.
/// </summary>
public static class CardCommands
{
    public static Decision Issue(RegionCard? card, RegionCode region, CardLevel level, string? reason, RegionCode by, DateTimeOffset now) =>
        Check(region, reason, by) ?? (card?.Level is { } held
            ? Decision.Refuse("/level", $"The region already holds a {held.ToString().ToLowerInvariant()} card; escalate or lift it instead.")
            : !Enum.IsDefined(level)
                ? Decision.Refuse("/level", "The level must be Yellow or Red.")
                : Decision.Accept(new CardIssued(region, level, CardRuleNames.Manual, [], default, default, CardDecidedBy.Commander, by, reason!.Trim(), now)));

    public static Decision Escalate(RegionCard? card, RegionCode region, string? reason, RegionCode by, DateTimeOffset now) =>
        Check(region, reason, by) ?? (card?.Level switch
        {
            CardLevel.Yellow => Decision.Accept(new CardEscalated(region, CardLevel.Yellow, CardLevel.Red, CardRuleNames.Manual, [], default, default,
                CardDecidedBy.Commander, by, reason!.Trim(), now)),
            CardLevel.Red => Decision.Refuse("/level", "The region already holds a red card, the highest."),
            _ => Decision.Refuse("/level", "The region holds no card to escalate."),
        });

    public static Decision Lift(RegionCard? card, RegionCode region, string? reason, RegionCode by, DateTimeOffset now) =>
        Check(region, reason, by) ?? (card?.Level is { } held
            ? Decision.Accept(new CardLifted(region, held, CardRuleNames.Manual, [], default, default, CardDecidedBy.Commander, by, reason!.Trim(), now))
            : Decision.Refuse("/level", "The region holds no card to lift."));

    private static Decision? Check(RegionCode region, string? reason, RegionCode by)
    {
        if (region == RegionCode.National) return Decision.Refuse("/regionCode", "The nation cannot hold a card.");
        if (!region.IsWithin(by) || by.Tier >= region.Tier)
            return Decision.Refuse("/regionCode", $"Only a centre of a higher tier above {region} may decide its card; {by} is not one.");
        if (string.IsNullOrWhiteSpace(reason)) return Decision.Refuse("/reason", "Give the reason for the decision.");
        if (reason.Trim().Length > Limits.MaxReasonLength) return Decision.Refuse("/reason", $"The reason may be at most {Limits.MaxReasonLength} characters.");
        return null;
    }
}
