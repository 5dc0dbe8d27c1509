using System.Globalization;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AntiFraud.Dashboard.Features.Incidents;
using AntiFraud.Dashboard.Tests.Harness;
using Bunit;

namespace AntiFraud.Dashboard.Tests.Incidents;

/// <summary>The money path: lost, stopped, frozen and returned, each drawn in proportion to the loss with its share.</summary>
public sealed partial class IncidentPageMoneyPathTests : ComponentTestContext
{
    private IRenderedComponent<MoneyPath> RenderPath(decimal loss, decimal stopped, decimal frozen, decimal returned) =>
        Render<MoneyPath>(p => p.Add(m => m.Loss, loss).Add(m => m.Stopped, stopped).Add(m => m.Frozen, frozen).Add(m => m.Returned, returned));

    private static IElement Stage(IRenderedComponent<MoneyPath> path, MoneyStage stage) => path.Find($"[data-stage={stage}]");

    private static double BarWidth(IElement step)
    {
        var style = step.QuerySelector("[data-testid=money-bar]")!.GetAttribute("style")!;
        return double.Parse(Number().Match(style).Value, CultureInfo.InvariantCulture);
    }

    private static decimal? PercentShown(IElement step)
    {
        var match = Number().Match(step.QuerySelector("[data-testid=money-percent]")!.TextContent);
        return match.Success ? decimal.Parse(match.Value, CultureInfo.InvariantCulture) : null;
    }

    [GeneratedRegex(@"\d+(\.\d+)?")] private static partial Regex Number();

    [Fact]
    public void Each_stage_is_drawn_in_proportion_to_the_loss_with_its_share_and_amount()
    {
        const decimal loss = 80_000m, stopped = 60_000m, frozen = 30_000m, returned = 12_000m;

        var path = RenderPath(loss, stopped, frozen, returned);

        Assert.Equal(100, BarWidth(Stage(path, MoneyStage.Lost)), 1);
        foreach (var (stage, amount) in new[] { (MoneyStage.Stopped, stopped), (MoneyStage.Frozen, frozen), (MoneyStage.Returned, returned) })
        {
            var step = Stage(path, stage);
            Assert.Equal((double)(amount / loss * 100), BarWidth(step), 1);
            Assert.Equal(Math.Round(amount / loss * 100, 1), PercentShown(step));
            Assert.Contains(amount.ToString("N2", CultureInfo.GetCultureInfo("zh-CN")), step.QuerySelector("[data-testid=money-amount]")!.TextContent);
        }
        // The bars shrink from loss to return, as the money does.
        var widths = Enum.GetValues<MoneyStage>().Select(s => BarWidth(Stage(path, s))).ToList();
        Assert.Equal(widths.OrderByDescending(w => w), widths);
    }

    [Fact]
    public void A_small_recovery_against_a_large_loss_stays_visible_and_a_share_is_never_over_the_whole()
    {
        var path = RenderPath(loss: 10_000_000m, stopped: 0m, frozen: 10_000_000m, returned: 1m);

        Assert.True(BarWidth(Stage(path, MoneyStage.Returned)) > 0, "one yuan returned is drawn, however thin");
        Assert.Equal(0, BarWidth(Stage(path, MoneyStage.Stopped)));
        Assert.Equal(100, BarWidth(Stage(path, MoneyStage.Frozen)), 1);
        Assert.Equal(100m, PercentShown(Stage(path, MoneyStage.Frozen)));
    }

    [Fact]
    public void An_incident_reported_without_a_loss_shows_no_shares_and_says_why()
    {
        var path = RenderPath(loss: 0m, stopped: 0m, frozen: 0m, returned: 0m);

        Assert.All(Enum.GetValues<MoneyStage>(), s => Assert.Null(PercentShown(Stage(path, s))));
        Assert.All(Enum.GetValues<MoneyStage>(), s => Assert.Equal(0, BarWidth(Stage(path, s))));
        Assert.NotEmpty(path.Find("[data-testid=money-no-loss]").TextContent.Trim());
    }

    [Fact]
    public void Screen_readers_get_each_stage_as_a_sentence_and_not_the_bars()
    {
        var path = RenderPath(loss: 50_000m, stopped: 0m, frozen: 25_000m, returned: 0m);

        var frozen = Stage(path, MoneyStage.Frozen);
        var sentence = frozen.QuerySelector(".visually-hidden")!.TextContent;
        Assert.Contains("25,000.00", sentence);
        Assert.Contains("50", sentence);
        Assert.Equal("true", frozen.QuerySelector(".money-track")!.GetAttribute("aria-hidden"));
        Assert.NotNull(path.Find("section[aria-labelledby]"));
    }

    [Fact]
    public void Frozen_money_not_yet_returned_is_pointed_out()
    {
        var path = RenderPath(loss: 50_000m, stopped: 0m, frozen: 25_000m, returned: 5_000m);

        Assert.Contains("20,000.00", path.Find("[data-testid=money-still-frozen]").TextContent);
    }
}
