using System.Globalization;
using AntiFraud.Dashboard.Features.Home;
using AntiFraud.Dashboard.Live;
using AntiFraud.Dashboard.Tests.Harness;
using AntiFraud.Dashboard.Tests.Regions;
using AntiFraud.Domain.Access;
using AntiFraud.Domain.Cards;
using AntiFraud.Domain.Common;
using AntiFraud.Domain.Figures;
using AntiFraud.Domain.Regions;
using Bunit;
using Marten;

namespace AntiFraud.Dashboard.Tests.Shell;

/// <summary>
/// The page everyone lands on: today's figures of the person's own jurisdiction against the same time yesterday, its cards,
/// and the way to its wall and drill-down. Figures are read from a store of the test's own; live changes are put straight into
/// the node's relay, where the figures relay would put them.
/// </summary>
public sealed class HomeTests : ComponentTestContext
{
    private static readonly RegionCode Guangdong = RegionCode.Parse("440000");
    // 10:30 in China: yesterday up to the same time is its hours 0 to 9 and half of hour 10.
    private readonly FixedClock _clock = new(new DateTimeOffset(2026, 11, 26, 10, 30, 0, ChinaTime.Offset));
    private DateOnly Today => ChinaTime.DayOf(_clock.GetUtcNow());

    public HomeTests()
    {
        UseStore("home");
        Services.AddSingleton<TimeProvider>(_clock);
        Services.AddSingleton<LiveFeed>();
        SignInAs("gd-duty", "440000", AccessRole.DutyOfficer);
    }

    private LiveFeed Feed => Services.GetRequiredService<LiveFeed>();

    private async Task StoreAsync(RegionDayTotals[] days, params RegionCard[] cards)
    {
        var store = Services.GetRequiredService<IDocumentStore>();
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        await using var session = store.LightweightSession();
        if (days.Length > 0) session.Store(days);
        if (cards.Length > 0) session.Store(cards);
        await session.SaveChangesAsync();
    }

    private static RegionCard Card(string code, CardLevel level) =>
        new() { Id = RegionCard.StreamIdOf(RegionCode.Parse(code)), Region = RegionCode.Parse(code), RegionNumber = int.Parse(code), Level = level };

    private RegionDayTotals Day(RegionCode region, DateOnly day) => new() { Id = RegionDayTotals.IdOf(region, day), Region = region, Day = day };

    private static string Value(IRenderedComponent<Home> home, string figure) =>
        home.Find($"[data-figure={figure}] [data-testid=figure-value]").TextContent;

    private static IRenderedComponent<Home> Ready(IRenderedComponent<Home> home)
    {
        home.WaitForState(() => home.Find("[data-testid=home-today]").GetAttribute("data-state") == "ready", TimeSpan.FromSeconds(30));
        return home;
    }

    [Fact]
    public async Task Todays_figures_of_the_own_jurisdiction_are_shown_against_the_same_time_yesterday_with_its_cards_and_its_wall()
    {
        var today = Day(Guangdong, Today);
        (today.Incidents, today.Loss, today.Stopped, today.WarningsIssued, today.Dissuaded) = (15, 1_234_567m, 80_000m, 6, 4);
        var yesterday = Day(Guangdong, Today.AddDays(-1));
        yesterday.Incidents = 40;
        yesterday.Hourly.Incidents[9] = 8;
        yesterday.Hourly.Incidents[10] = 4;
        yesterday.Hourly.Incidents[20] = 28;
        yesterday.Hourly.Dissuaded[3] = 8;
        // Nationwide figures are not the Guangdong officer's.
        var nation = Day(RegionCode.National, Today);
        nation.Incidents = 900;
        await StoreAsync([today, yesterday, nation], Card("440305", CardLevel.Red), Card("441900", CardLevel.Yellow), Card("510104", CardLevel.Red));

        var home = Ready(Render<Home>());

        Assert.Contains("今日 · 广东省", home.Find("#today-title").TextContent);
        Assert.Equal("15", Value(home, "Incidents"));
        Assert.Equal("123.5万元", Value(home, "Loss"));
        Assert.Equal("6", Value(home, "WarningsIssued"));
        // 15 against the 10 of yesterday by 10:30 (8 before ten, half of the 4 between ten and eleven): half as many again, bad news.
        var incidents = home.Find("[data-figure=Incidents] .home-figure-change");
        Assert.Contains("+50%", incidents.TextContent);
        Assert.Contains("bad", incidents.ClassList);
        // A screen reader hears the figure with its comparison.
        Assert.Equal("今日警情: 15, 较昨日同时段 +50%", home.Find("[data-figure=Incidents]").GetAttribute("aria-label"));
        // 4 dissuaded against 8: fewer, which is bad news too; more would have been good.
        Assert.Contains("-50%", home.Find("[data-figure=Dissuaded] .home-figure-change").TextContent);
        Assert.Contains("bad", home.Find("[data-figure=Dissuaded] .home-figure-change").ClassList);
        Assert.Equal("红牌 1 个", home.Find("[data-testid=home-red]").TextContent);
        Assert.Equal("黄牌 1 个", home.Find("[data-testid=home-yellow]").TextContent);
        Assert.Contains("10:30", home.Find("[data-testid=home-asof]").TextContent);
        Assert.Equal("live/440000", home.Find("[data-testid=open-wall]").GetAttribute("href"));
        Assert.Equal("regions/440000", home.Find("[data-testid=open-region]").GetAttribute("href"));
        Assert.Empty(home.FindAll("[data-testid=home-quiet]"));
    }

    [Fact]
    public async Task New_figures_for_the_jurisdiction_update_the_page_in_place_and_a_new_card_is_counted()
    {
        var home = Ready(Render<Home>());
        Assert.Equal("0", Value(home, "Incidents"));
        Assert.Contains("广东省尚无警情和预警上报", home.Find("[data-testid=home-quiet]").TextContent);
        Assert.Equal("辖区内目前没有红黄牌。", home.Find("[data-testid=home-cards]").TextContent.Trim());

        // The relay publishes on a thread of its own, whose culture is not the reader's.
        await Task.Run(() =>
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
            Feed.Publish(new FiguresChangedMessage("440000", Today, new FigureSet(3, 52_000m, 0, 0, 0, 1, 0, 0), 0, 0, null, null, 0, 1));
        });
        home.WaitForState(() => Value(home, "Incidents") == "3", TimeSpan.FromSeconds(10));
        Assert.Equal("5.2万元", Value(home, "Loss"));
        Assert.Equal("今日警情", home.Find("[data-figure=Incidents] .home-figure-label").TextContent);
        Assert.Contains("今日 · 广东省", home.Find("#today-title").TextContent);
        Assert.Empty(home.FindAll("[data-testid=home-quiet]"));

        // Another province's figures change nothing here.
        Feed.Publish(new FiguresChangedMessage("510000", Today, new FigureSet(99, 1m, 0, 0, 0, 0, 0, 0), 0, 0, null, null, 0, 2));
        await StoreAsync([], Card("440106", CardLevel.Yellow));
        Feed.Publish(new CardIssuedMessage("440106", CardLevel.Yellow, "incidents-rise", false, _clock.GetUtcNow(), 3));

        home.WaitForState(() => home.FindAll("[data-testid=home-yellow]").Count == 1, TimeSpan.FromSeconds(10));
        Assert.Equal("黄牌 1 个", home.Find("[data-testid=home-yellow]").TextContent);
        // No red card: no "0 red" beside it.
        Assert.Empty(home.FindAll("[data-testid=home-red]"));
        Assert.Equal("3", Value(home, "Incidents"));
    }

    [Fact]
    public async Task While_history_is_being_counted_the_page_says_so_instead_of_nothing_reported_and_reads_again_once_counted()
    {
        var home = Ready(Render<Home>());
        Assert.NotEmpty(home.FindAll("[data-testid=home-quiet]"));
        var lag = Services.GetRequiredService<RollUpLag>();

        lag.Report(stored: 5_000, counted: 1_200);
        _clock.Advance(TimeSpan.FromSeconds(6));
        lag.Report(stored: 5_400, counted: 2_400);

        home.WaitForState(() => home.FindAll("[data-testid=home-catching-up]").Count == 1, TimeSpan.FromSeconds(10));
        Assert.Contains("还有 3,000 条事件", home.Find("[data-testid=home-catching-up]").TextContent);
        Assert.Empty(home.FindAll("[data-testid=home-quiet]"));

        var today = Day(Guangdong, Today);
        today.Incidents = 7;
        await StoreAsync([today]);
        _clock.Advance(TimeSpan.FromSeconds(2));
        lag.Report(stored: 5_400, counted: 5_400);

        home.WaitForState(() => Value(home, "Incidents") == "7", TimeSpan.FromSeconds(10));
        Assert.Empty(home.FindAll("[data-testid=home-catching-up]"));
    }

    [Fact]
    public void A_database_out_of_reach_is_said_plainly_with_a_way_to_try_again()
    {
        UseUnreachableStore();

        var home = Render<Home>();

        home.WaitForState(() => home.FindAll("[data-testid=home-unavailable]").Count == 1, TimeSpan.FromSeconds(30));
        Assert.Contains("暂时无法连接数据库", home.Find("[data-testid=home-unavailable]").TextContent);
        Assert.Contains("重试", home.Find("[data-testid=home-unavailable] button").TextContent);
        // The way to the wall does not depend on the figures.
        Assert.Equal("live/440000", home.Find("[data-testid=open-wall]").GetAttribute("href"));
    }
}
