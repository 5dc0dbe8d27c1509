namespace AntiFraud.Dashboard.Features.Incidents;

/// <summary>The stages money goes through after a fraud: lost, stopped (止付), frozen (冻结), returned (返还) to the victim.</summary>
public enum MoneyStage { Lost, Stopped, Frozen, Returned }

/// <summary>One stage: its amount, its share of the loss (null without a loss) and the width of its bar in percent of the track.</summary>
public sealed record MoneyStep(MoneyStage Stage, decimal Amount, decimal? PercentOfLoss, double BarWidth);

public static class MoneyPathModel
{
    /// <summary>The narrowest bar drawn for an amount above zero, so a small recovery stays visible next to a large loss.</summary>
    public const double MinimumVisibleWidth = 1.0;

    /// <summary>
    /// The four stages measured against the loss. Shares are rounded to one decimal; bars never exceed the track, and an incident
    /// reported without a loss has no shares and empty bars.
    /// </summary>
    public static IReadOnlyList<MoneyStep> From(decimal loss, decimal stopped, decimal frozen, decimal returned) =>
    [
        Step(MoneyStage.Lost, loss, loss),
        Step(MoneyStage.Stopped, stopped, loss),
        Step(MoneyStage.Frozen, frozen, loss),
        Step(MoneyStage.Returned, returned, loss),
    ];

    private static MoneyStep Step(MoneyStage stage, decimal amount, decimal loss)
    {
        if (loss <= 0) return new MoneyStep(stage, amount, null, 0);
        var percent = Math.Round(amount / loss * 100m, 1, MidpointRounding.AwayFromZero);
        var width = amount <= 0 ? 0 : Math.Clamp((double)(amount / loss * 100m), MinimumVisibleWidth, 100);
        return new MoneyStep(stage, amount, percent, width);
    }
}
