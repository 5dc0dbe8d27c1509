using System.ComponentModel.DataAnnotations;
using AntiFraud.Domain.Regions;

namespace AntiFraud.Domain.Cards;

/// <summary>
/// The card rules, from the <c>Cards</c> section of appsettings.json and validated at start-up. Lines need no population
/// data: an indicator crosses its line when the region is among the top <see cref="IndicatorRule.TopPercent"/> of the regions
/// of its tier over the window, and at least at <see cref="IndicatorRule.MinimumCount"/>.
/// </summary>
public sealed class CardRules : IValidatableObject
{
    public const string Section = "Cards";

    /// <summary>The tier that gets cards (the county, where rectification happens).</summary>
    public RegionTier Tier { get; set; } = RegionTier.County;

    /// <summary>Completed China calendar months the indicators are summed over (the running month is not counted).</summary>
    [Range(2, 12)] public int WindowMonths { get; set; } = 3;

    /// <summary>Indicators crossed at once that make a card red rather than yellow.</summary>
    [Range(2, 4)] public int RedWhenIndicators { get; set; } = 2;

    /// <summary>Months a yellow card may stay without improvement before it turns red.</summary>
    [Range(1, 12)] public int EscalateAfterMonths { get; set; } = 2;

    /// <summary>Consecutive months of decline (each below the one before, or zero) in the indicators a card was given for before it is lifted; they must also be below their lines.</summary>
    [Range(1, 6)] public int LiftAfterImprovingMonths { get; set; } = 2;

    public List<IndicatorRule> Indicators { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Tier == RegionTier.National)
            yield return new ValidationResult("Cards:Tier must be Province, City or County: the nation cannot hold a card.", [nameof(Tier)]);
        if (Indicators.Count == 0)
            yield return new ValidationResult("Cards:Indicators must list at least one indicator.", [nameof(Indicators)]);
        foreach (var group in Indicators.GroupBy(i => i.Indicator).Where(g => g.Count() > 1))
            yield return new ValidationResult($"Cards:Indicators lists {group.Key} more than once.", [nameof(Indicators)]);
        foreach (var (rule, index) in Indicators.Select((r, i) => (r, i)))
        {
            if (!Enum.IsDefined(rule.Indicator))
                yield return new ValidationResult($"Cards:Indicators:{index}:Indicator must be one of {string.Join(", ", Enum.GetNames<CardIndicator>())}.");
            if (rule.TopPercent is <= 0 or > 50)
                yield return new ValidationResult($"Cards:Indicators:{index}:TopPercent must be above 0 and at most 50.");
            if (rule.MinimumCount < 1)
                yield return new ValidationResult($"Cards:Indicators:{index}:MinimumCount must be at least 1.");
        }
        if (WindowMonths <= LiftAfterImprovingMonths)
            yield return new ValidationResult("Cards:WindowMonths must be longer than Cards:LiftAfterImprovingMonths, so the improvement can be seen inside the window.");
    }

    /// <summary>The rules the product ships with: a handful of cards on a country's data, not hundreds.</summary>
    public static CardRules Default() => new()
    {
        Indicators =
        [
            new() { Indicator = CardIndicator.Dens, TopPercent = 1, MinimumCount = 3 },
            new() { Indicator = CardIndicator.Perpetrators, TopPercent = 1, MinimumCount = 3 },
            new() { Indicator = CardIndicator.BlackGreyIndustry, TopPercent = 1, MinimumCount = 3 },
            new() { Indicator = CardIndicator.Victims, TopPercent = 1, MinimumCount = 10 },
        ],
    };
}

public sealed class IndicatorRule
{
    public CardIndicator Indicator { get; set; }

    /// <summary>The share of same-tier regions, by value over the window, whose value sets the line (1 = the top 1%).</summary>
    public double TopPercent { get; set; } = 1;

    /// <summary>The line is never below this count, so a quiet country does not card its "busiest" quiet county.</summary>
    public long MinimumCount { get; set; } = 1;
}
