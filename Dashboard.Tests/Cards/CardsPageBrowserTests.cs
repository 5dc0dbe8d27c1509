using AntiFraud.Dashboard.Tests.Harness;
using AntiFraud.Domain.Cards;
using AntiFraud.Domain.Regions;
using Marten;
using Microsoft.Playwright;
using static AntiFraud.Dashboard.Tests.Cards.CardsPageContext;

namespace AntiFraud.Dashboard.Tests.Cards;

/// <summary>The cards page in a real browser, on cards appended to the region card streams of the app's own store.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CardsPageBrowserTests(Browser browser) : IAsyncLifetime
{
    private static readonly RegionCode Chaoyang = RegionCode.Parse("110105"), Haizhu = RegionCode.Parse("440105");
    private AppHost _app = null!;

    public async Task InitializeAsync()
    {
        _app = await AppHost.StartAsync(kestrel: true);
        var lifted = new CardLifted(Haizhu, CardLevel.Yellow, CardRuleNames.Improved,
            [new IndicatorReading(CardIndicator.Dens, 2, 5, false, [3, 2, 0])], new DateOnly(2026, 8, 1), new DateOnly(2026, 10, 31),
            CardDecidedBy.Rules, RegionCode.National, "", Evaluated.AddMinutes(2));
        var manual = new CardIssued(Chaoyang, CardLevel.Yellow, CardRuleNames.Manual, [], default, default, CardDecidedBy.Commander,
            RegionCode.Parse("110000"), "辖区内连续发生冒充公检法大额被骗案件，挂牌督办", Evaluated.AddDays(4));
        await using var session = _app.Services.GetRequiredService<IDocumentStore>().LightweightSession();
        foreach (var e in new ICardEvent[]
                 {
                     YellowForDens(Nanshan), RedForDensAndVictims(Baoan), YellowForDens(Haizhu, dens: 7), lifted, manual,
                     YellowForDens(Haidian, dens: 9, line: 5),
                 })
            session.Events.Append(RegionCard.StreamIdOf(e.Region), e);
        await session.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static ILocator Row(IPage page, RegionCode region) =>
        page.Locator("tr").Filter(new() { Has = page.Locator($"[data-testid=card-row][data-region='{region}']") });

    [Fact]
    public async Task A_commander_reads_why_each_region_holds_its_card_and_lifts_one_with_a_reason()
    {
        await using var browserPage = await browser.OpenAsync(_app, "cards");
        var page = browserPage.Page;
        await browserPage.WaitForCircuitAsync();
        // A colleague has Guangdong's cards open on another screen.
        await using var colleague = await browser.OpenAsync(_app, "cards?region=440000");
        await colleague.WaitForCircuitAsync();
        await Assertions.Expect(colleague.Page.GetByTestId("card-row")).ToHaveCountAsync(2);

        // Red first, then the yellow cards held longest.
        var rows = page.GetByTestId("card-row");
        await Assertions.Expect(rows).ToHaveCountAsync(4);
        Assert.Equal([Baoan.ToString(), Haidian.ToString(), Nanshan.ToString(), Chaoyang.ToString()],
            await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.region)"));
        await Assertions.Expect(page.GetByTestId("cards-counts")).ToContainTextAsync("红牌 1 · 黄牌 3");
        await Assertions.Expect(Row(page, Nanshan).GetByTestId("card-explanation"))
            .ToContainTextAsync("近3个月（2026-08-01至2026-10-31）窝点 12 个，超过警戒线 5 个（同级前1%，且不少于3）");
        await Assertions.Expect(Row(page, Chaoyang).GetByTestId("card-explanation")).ToContainTextAsync("北京市反诈中心人工决定：挂黄牌。");
        await Assertions.Expect(Row(page, Chaoyang).GetByTestId("card-explanation")).ToContainTextAsync("理由：辖区内连续发生冒充公检法大额被骗案件，挂牌督办");
        await Assertions.Expect(page.GetByTestId("history-row")).ToHaveCountAsync(6);
        await browserPage.ScreenshotAsync("1-cards");

        // Lift Nanshan's card by keyboard: the button opens the dialog with the reason focused.
        await page.GetByRole(AriaRole.Button, new() { Name = "为南山区摘牌" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var reason = page.GetByTestId("card-form").GetByTestId("field-reason");
        await Assertions.Expect(reason).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("专项整治验收合格");
        await Assertions.Expect(page.GetByTestId("card-summary")).ToContainTextAsync("南山区");
        await browserPage.ScreenshotAsync("2-lifting");
        await page.GetByTestId("card-submit").ClickAsync();

        await Assertions.Expect(page.GetByTestId("card-form")).ToBeHiddenAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator($"[data-testid=card-row][data-region='{Nanshan}']")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("history-row")).ToHaveCountAsync(7);
        var newest = page.GetByTestId("card-history").Locator("tbody tr").First;
        await Assertions.Expect(page.GetByTestId("history-row").First).ToHaveAttributeAsync("data-change", "Lifted");
        await Assertions.Expect(newest).ToContainTextAsync("理由：专项整治验收合格");
        await Assertions.Expect(page.GetByTestId("cards-counts")).ToContainTextAsync("红牌 1 · 黄牌 2");
        // The colleague's screen followed without a refresh, and says when.
        await Assertions.Expect(colleague.Page.Locator($"[data-testid=card-row][data-region='{Nanshan}']")).ToHaveCountAsync(0);
        await Assertions.Expect(colleague.Page.GetByTestId("card-row")).ToHaveCountAsync(1);
        await Assertions.Expect(colleague.Page.GetByTestId("cards-live")).ToContainTextAsync("有新的挂牌变化，本页已更新");
        await Assertions.Expect(colleague.Page.GetByTestId("history-row").First).ToHaveAttributeAsync("data-change", "Lifted");
        // The page is ready for the next decision.
        await Assertions.Expect(page.GetByTestId("issue-card")).ToBeEnabledAsync();
        await Assertions.Expect(page.Locator($"button[data-action=Lift][data-region='{Baoan}']")).ToBeEnabledAsync();
    }

    [Fact]
    public async Task The_page_reads_in_English_and_a_province_sees_only_its_own_cards()
    {
        await using var browserPage = await browser.OpenAsync(_app, "cards?region=440000", locale: "en");
        var page = browserPage.Page;
        await browserPage.WaitForCircuitAsync();

        await Assertions.Expect(page.GetByTestId("card-row")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Red and yellow cards · Guangdong");
        await Assertions.Expect(Row(page, Nanshan).GetByTestId("card-explanation"))
            .ToContainTextAsync("Over the 3 months from 2026-08-01 to 2026-10-31: 12 fraud dens, above the line of 5");
        await Assertions.Expect(page.GetByTestId("history-row")).ToHaveCountAsync(4);
        var text = await page.Locator("main").InnerTextAsync();
        Assert.DoesNotMatch(@"Card\.[A-Z]", text);
    }
}
