using AntiFraud.Dashboard.Tests.Harness;
using AntiFraud.Domain.Cards;
using AntiFraud.Domain.Regions;
using AntiFraud.Jobs.Cards;
using Marten;
using Microsoft.Playwright;

namespace AntiFraud.Dashboard.Tests.Live;

/// <summary>The wall's card panel and map markings, as cards are issued and lifted while the wall is open.</summary>
[Collection(BrowserCollection.Name)]
public sealed class WallCardsBrowserTests(Browser browser) : IAsyncLifetime
{
    private static readonly RegionCode Guangdong = RegionCode.Parse("440000");
    private AppHost _app = null!;

    public async Task InitializeAsync() => _app = await AppHost.StartAsync(kestrel: true);
    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task DecideAsync(CardAction action, string region, CardLevel level, string reason)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var decision = await scope.ServiceProvider.GetRequiredService<CardDesk>()
            .DecideAsync(action, RegionCode.Parse(region), level, reason, RegionCode.National, CancellationToken.None);
        Assert.False(decision.Refused, string.Join("; ", decision.Errors.Select(e => e.Message)));
    }

    private async Task IssueByRulesAsync(string region, CardLevel level, params CardIndicator[] crossed)
    {
        var window = CardWindow.EndingBefore(DateOnly.FromDateTime(DateTime.UtcNow), 3);
        IndicatorReading[] readings = [.. Enum.GetValues<CardIndicator>().Select(i => crossed.Contains(i)
            ? new IndicatorReading(i, 12, 3, true, [5, 4, 3]) : new IndicatorReading(i, 0, 3, false, [0, 0, 0]))];
        await using var session = _app.Services.GetRequiredService<IDocumentStore>().LightweightSession();
        session.Events.Append(RegionCard.StreamIdOf(RegionCode.Parse(region)),
            new CardIssued(RegionCode.Parse(region), level, level == CardLevel.Red ? CardRuleNames.SeveralIndicators : CardRuleNames.OneIndicator,
                readings, window.From, window.To, CardDecidedBy.Rules, RegionCode.National, "", DateTimeOffset.UtcNow));
        await session.SaveChangesAsync();
    }

    [Fact]
    public async Task Cards_held_in_the_province_are_listed_and_marked_and_follow_issues_and_lifts_live()
    {
        await IssueByRulesAsync("440305", CardLevel.Yellow, CardIndicator.Dens);
        await using var wall = await browser.OpenAsync(_app, "live/440000");
        await wall.WaitForCircuitAsync();

        var panel = wall.Page.GetByTestId("cards-panel");
        var nanshan = panel.Locator(".card-row[data-region='440305']");
        await Assertions.Expect(nanshan).ToContainTextAsync("深圳市 · 南山区");
        await Assertions.Expect(nanshan).ToContainTextAsync("黄牌");
        await Assertions.Expect(nanshan).ToContainTextAsync("窝点");
        await Assertions.Expect(wall.Page.Locator("a.region-link[data-code='440300']")).ToHaveAttributeAsync("data-card", "yellow");

        // A commander escalates Nanshan and cards Guangzhou's Tianhe: both arrive without a reload.
        await DecideAsync(CardAction.Escalate, "440305", CardLevel.Red, "窝点反弹，整改不力");
        await DecideAsync(CardAction.Issue, "440106", CardLevel.Yellow, "黑灰产线索集中");
        await Assertions.Expect(nanshan).ToHaveAttributeAsync("data-level", "red");
        await Assertions.Expect(panel.Locator(".card-row[data-region='440106']")).ToContainTextAsync("上级指挥员决定");
        await Assertions.Expect(panel.Locator(".card-row").First).ToHaveAttributeAsync("data-region", "440305");
        await Assertions.Expect(wall.Page.Locator("a.region-link[data-code='440300']")).ToHaveAttributeAsync("data-card", "red");
        await Assertions.Expect(panel.Locator(".cards-count")).ToHaveTextAsync("红牌 1 · 黄牌 1");
        await wall.ScreenshotAsync("two-cards");

        await DecideAsync(CardAction.Lift, "440305", CardLevel.Red, "整改到位");
        await Assertions.Expect(nanshan).ToHaveCountAsync(0);
        await Assertions.Expect(wall.Page.Locator("a.region-link[data-code='440300']")).Not.ToHaveAttributeAsync("data-card", "red");
    }

    [Fact]
    public async Task A_wall_with_no_cards_says_so_and_when_the_rules_run()
    {
        await using var wall = await browser.OpenAsync(_app, "live/510000", locale: "en");
        await wall.WaitForCircuitAsync();
        await Assertions.Expect(wall.Page.GetByTestId("cards-empty")).ToContainTextAsync("No region here holds a card");
        await Assertions.Expect(wall.Page.GetByTestId("cards-empty")).ToContainTextAsync("00:30 China time");
    }
}
