using System.Globalization;
using AntiFraud.Dashboard.Features.Live;
using AntiFraud.Dashboard.Live;
using AntiFraud.Dashboard.Tests.Cards;
using AntiFraud.Dashboard.Tests.Harness;
using AntiFraud.Dashboard.Tests.Regions;
using AntiFraud.Domain.Cards;
using AntiFraud.Domain.Common;
using AntiFraud.Domain.Figures;
using AntiFraud.Domain.Incidents;
using AntiFraud.Domain.Regions;
using AntiFraud.Domain.Warnings;
using Bunit;
using Marten;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace AntiFraud.Dashboard.Tests.Live;

/// <summary>
/// The wall screen's panels fed with a made-up stream: messages are put straight into the node's relay (<see cref="LiveFeed"/>),
/// where the hub's committed events would put them, and the screen applies them on its own render tick. The screen reads its
/// starting figures and cards from a store of its own in the run's PostgreSQL; that store starts empty.
/// </summary>
public sealed class WallScreenTests : ComponentTestContext
{
    private static readonly RegionCode Nanshan = RegionCode.Parse("440305"), Chengdu = RegionCode.Parse("510104");
    private long _sequence = 1_000;
    // Only the roll-up monitor's readings are timed by it; the screen itself runs on the real clock.
    private readonly FixedClock _clock = new(DateTimeOffset.UtcNow);

    public WallScreenTests()
    {
        UseStore("wall");
        Services.AddSingleton(new RegionShapes());
        Services.AddSingleton<LiveFeed>();
        // The figures relay is not started: the screens' figures arrive only as the messages these tests publish.
        Services.AddSignalR();
        Services.AddSingleton<HubWatchers>();
        Services.AddSingleton(Options.Create(new LiveOptions()));
        Services.AddSingleton<FiguresRelay>();
        Services.AddSingleton(new RollUpLag(_clock));
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    private LiveFeed Feed => Services.GetRequiredService<LiveFeed>();

    private IRenderedComponent<WallScreen> RenderWall(string code)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo($"live/{code}");
        var wall = Render<WallScreen>(p => p.Add(w => w.Code, code));
        wall.WaitForAssertion(() => Assert.Equal(code, wall.Find(".wall").GetAttribute("data-region")), TimeSpan.FromSeconds(30));
        // Subscribed and drawn from the (empty) store: the ticker says nothing has come in yet.
        wall.WaitForElement("[data-testid=ticker-empty]", TimeSpan.FromSeconds(30));
        return wall;
    }

    private IncidentReportedMessage Incident(RegionCode county, FraudType type = FraudType.Loan, decimal loss = 52_000m) =>
        new(Guid.NewGuid(), county.ToString(), type, loss, DateTimeOffset.UtcNow.AddMinutes(-3), ++_sequence);

    private static string KpiValue(IRenderedComponent<WallScreen> wall, string key) =>
        wall.Find($"[data-kpi={key}] [data-testid=kpi-value]").TextContent;

    private static List<string> TickerIds(IRenderedComponent<WallScreen> wall) =>
        wall.FindAll(".ticker-item").Select(i => i.GetAttribute("data-id")!).ToList();

    [Fact]
    public void A_new_incident_in_the_subtree_tops_the_ticker_with_its_place_type_and_loss_and_pulses_on_the_map()
    {
        var wall = RenderWall("440000");
        var incident = Incident(Nanshan, FraudType.PigButchering, 86_000m);

        Feed.Publish(incident);

        wall.WaitForState(() => TickerIds(wall).Count == 1, TimeSpan.FromSeconds(10));
        var row = wall.Find(".ticker-item");
        Assert.Equal(incident.Id.ToString(), row.GetAttribute("data-id"));
        Assert.Equal("警情", row.QuerySelector(".ticker-badge")!.TextContent);
        Assert.Equal("深圳市 南山区 · 杀猪盘 · 8.6万元", row.QuerySelector(".ticker-text")!.TextContent);
        Assert.Equal($"incidents/{incident.Id}", row.QuerySelector("a")!.GetAttribute("href"));
        // The province's map pulses on the county's city.
        Assert.Equal("440300", wall.Find(".pulse-layer .pulse").GetAttribute("data-code"));
    }

    [Fact]
    public void The_rows_that_came_with_the_latest_update_are_lit_until_the_next_one_and_none_on_opening()
    {
        var first = TickerItem.From(Incident(Nanshan))!;
        var second = TickerItem.From(Incident(Chengdu))!;
        var third = TickerItem.From(Incident(Nanshan))!;
        static List<string> Lit(IRenderedComponent<LiveTicker> t) => t.FindAll(".ticker-item.fresh").Select(i => i.GetAttribute("data-id")!).ToList();

        var ticker = Render<LiveTicker>(p => p.Add(t => t.Items, [first]));
        Assert.Empty(Lit(ticker));

        ticker.Render(p => p.Add(t => t.Items, [third, second, first]));
        Assert.Equal([third.Id.ToString(), second.Id.ToString()], Lit(ticker));

        ticker.Render(p => p.Add(t => t.Items, [third, second, first]));
        Assert.Empty(Lit(ticker));
    }

    [Fact]
    public async Task A_late_report_shows_when_it_came_in_and_keeps_its_place_when_the_wall_is_opened_again()
    {
        var now = DateTimeOffset.UtcNow;
        var earlier = await StoreIncidentAsync(Nanshan, occurredAt: now.AddMinutes(-60), reportedAt: now.AddMinutes(-50));
        // Reported ten minutes ago about something six hours ago: the newer arrival of the two.
        var late = await StoreIncidentAsync(RegionCode.Parse("440106"), occurredAt: now.AddHours(-6), reportedAt: now.AddMinutes(-10));

        Services.GetRequiredService<NavigationManager>().NavigateTo("live/440000");
        var wall = Render<WallScreen>(p => p.Add(w => w.Code, "440000"));
        wall.WaitForState(() => TickerIds(wall).Count == 2, TimeSpan.FromSeconds(30));
        Assert.Equal([late.ToString(), earlier.ToString()], TickerIds(wall));
        Assert.EndsWith(ChinaClock(now.AddMinutes(-10)), wall.Find(".ticker-item .ticker-time").TextContent);

        // Live, the same: the time it came in, not the time it happened.
        var arriving = Incident(Nanshan) with { OccurredAt = now.AddHours(-4), ReportedAt = now };
        Feed.Publish(arriving);
        wall.WaitForState(() => TickerIds(wall).Count == 3, TimeSpan.FromSeconds(10));
        Assert.Equal(arriving.Id.ToString(), TickerIds(wall)[0]);
        Assert.EndsWith(ChinaClock(now), wall.Find(".ticker-item .ticker-time").TextContent);
    }

    private static string ChinaClock(DateTimeOffset at) => at.ToOffset(TimeSpan.FromHours(8)).ToString("HH:mm", CultureInfo.InvariantCulture);

    private async Task<Guid> StoreIncidentAsync(RegionCode county, DateTimeOffset occurredAt, DateTimeOffset reportedAt)
    {
        var id = Guid.NewGuid();
        await using var session = Services.GetRequiredService<IDocumentStore>().LightweightSession();
        session.Events.StartStream(id, new IncidentReported(id, $"wall-{id:N}", county, county, occurredAt, FraudType.Loan, Channel.App,
            PaymentTool.BankTransfer, 10_000m, new Victim(AgeBand.From30To44, Occupation.Employee), null, null, reportedAt, "hash"));
        await session.SaveChangesAsync();
        return id;
    }

    [Fact]
    public void On_the_national_wall_a_county_is_named_with_its_city_or_where_the_city_only_groups_counties_with_its_province()
    {
        var wall = RenderWall("000000");
        var chaoyang = Incident(RegionCode.Parse("110105"));
        var changjiang = Incident(RegionCode.Parse("469026"));
        var nanshan = Incident(Nanshan);

        Feed.Publish(chaoyang);
        Feed.Publish(changjiang);
        Feed.Publish(nanshan);

        wall.WaitForState(() => TickerIds(wall).Count == 3, TimeSpan.FromSeconds(10));
        Assert.Equal(["深圳市 南山区", "海南省 昌江黎族自治县", "北京市 朝阳区"],
            wall.FindAll(".ticker-item .ticker-text").Select(t => t.TextContent.Split(" · ")[0]));
    }

    [Fact]
    public void A_province_wall_ignores_what_happens_outside_it_and_shows_warnings_and_call_backs_inside_it()
    {
        var wall = RenderWall("440000");
        var elsewhere = Incident(Chengdu);
        var warning = new WarningIssuedMessage(Guid.NewGuid(), Nanshan.ToString(), WarningLevel.High, FraudType.FakeCustomerService,
            DateTimeOffset.UtcNow.AddMinutes(-2), ++_sequence);
        var outcome = new WarningOutcomeMessage(warning.Id, Nanshan.ToString(), WarningOutcome.Dissuaded, 6.5, DateTimeOffset.UtcNow.AddMinutes(-1), ++_sequence);

        Feed.Publish(elsewhere);
        Feed.Publish(warning);
        Feed.Publish(outcome);

        wall.WaitForState(() => TickerIds(wall).Count == 2, TimeSpan.FromSeconds(10));
        Assert.DoesNotContain(elsewhere.Id.ToString(), TickerIds(wall));
        Assert.Equal(["Outcome", "Warning"], wall.FindAll(".ticker-item").Select(i => i.GetAttribute("data-kind")));
        Assert.Equal("深圳市 南山区 · 冒充客服 · 高", wall.FindAll(".ticker-item")[1].QuerySelector(".ticker-text")!.TextContent);
        Assert.Empty(wall.FindAll(".pulse-layer .pulse"));
    }

    [Fact]
    public void New_totals_for_the_wall_region_replace_its_figures_and_a_child_region_totals_do_not()
    {
        var wall = RenderWall("440000");
        Assert.Equal("0", KpiValue(wall, "Incidents"));
        var day = ChinaTime.DayOf(DateTimeOffset.UtcNow);

        // A city's totals reach only that city's screens.
        Feed.Publish(new FiguresChangedMessage("440300", day, new FigureSet(40, 900_000m, 0, 0, 0, 0, 0, 0), 0, 0, null, null, 0, ++_sequence));
        Feed.Publish(new FiguresChangedMessage("440000", day, new FigureSet(128, 3_456_000m, 1_200_000m, 800_000m, 15_000m, 64, 60, 51),
            2_000, 350, 7.0, null, 0, ++_sequence));

        wall.WaitForState(() => KpiValue(wall, "Incidents") == "128", TimeSpan.FromSeconds(10));
        Assert.Equal("345.6万元", KpiValue(wall, "Loss"));
        Assert.Equal("120.0万元", KpiValue(wall, "Stopped"));
        Assert.Equal("80.0万元", KpiValue(wall, "Frozen"));
        Assert.Equal("51", KpiValue(wall, "Dissuaded"));
        Assert.Equal("2,350", KpiValue(wall, "Intercepted"));
        Assert.Equal("7 分钟", KpiValue(wall, "MedianCallBack"));
    }

    [Fact]
    public void A_burst_of_five_hundred_incidents_is_applied_in_one_or_two_renders_newest_first()
    {
        var wall = RenderWall("000000");
        // The ticker is drawn whenever the screen is (its list is a new parameter each time) and draws nothing on its own.
        var ticker = wall.FindComponent<LiveTicker>();
        var before = ticker.RenderCount;
        var burst = Enumerable.Range(0, 500).Select(i => Incident(i % 2 == 0 ? Nanshan : Chengdu, loss: 1_000m + i)).ToList();

        foreach (var message in burst) Feed.Publish(message);

        wall.WaitForState(() => TickerIds(wall).FirstOrDefault() == burst[^1].Id.ToString(), TimeSpan.FromSeconds(10));
        // The ticker shows the latest 14, newest first; the map rings once on each province hit (Guangdong, Sichuan), not once
        // per incident: a region's ring keeps running while incidents keep landing there.
        Assert.Equal(burst.TakeLast(14).Reverse().Select(m => m.Id.ToString()), TickerIds(wall));
        Assert.Equal(["440000", "510000"], wall.FindAll(".pulse-layer .pulse").Select(p => p.GetAttribute("data-code")).Order());
        // Every message waited for the screen's tick: one render for the lot (two if a tick fell in the middle).
        Assert.InRange(ticker.RenderCount - before, 1, 2);
    }

    [Fact]
    public async Task A_card_issued_and_then_lifted_appears_in_the_card_panel_and_on_the_map_and_leaves_both()
    {
        var wall = RenderWall("440000");
        Assert.NotNull(wall.Find("[data-testid=cards-empty]"));
        var issued = CardsPageContext.YellowForDens(Nanshan);
        await AppendAsync(issued);

        Feed.Publish(new CardIssuedMessage(Nanshan.ToString(), CardLevel.Yellow, issued.Rule, false, issued.At, ++_sequence));

        wall.WaitForState(() => wall.FindAll("[data-testid=cards-panel] .card-row").Count == 1, TimeSpan.FromSeconds(10));
        var row = wall.Find("[data-testid=cards-panel] .card-row");
        Assert.Equal(("440305", "yellow"), (row.GetAttribute("data-region"), row.GetAttribute("data-level")));
        Assert.Equal("深圳市 · 南山区", row.QuerySelector(".card-region")!.TextContent);
        Assert.Equal("窝点", row.QuerySelector(".card-why")!.TextContent);
        Assert.Contains("红牌 0 · 黄牌 1", wall.Find("[data-testid=cards-panel] .cards-count").TextContent);
        // The province's map marks the city holding the card.
        Assert.Equal("yellow", wall.Find(".region-map [data-code='440300']").GetAttribute("data-card"));

        var lifted = new CardLifted(Nanshan, CardLevel.Yellow, CardRuleNames.Manual, [], CardsPageContext.WindowFrom, CardsPageContext.WindowTo,
            CardDecidedBy.Commander, RegionCode.National, "整改到位", issued.At.AddDays(1));
        await AppendAsync(lifted);
        Feed.Publish(new CardLiftedMessage(Nanshan.ToString(), CardLevel.Yellow, lifted.Rule, lifted.At, ++_sequence));

        wall.WaitForElement("[data-testid=cards-empty]", TimeSpan.FromSeconds(10));
        Assert.Null(wall.Find(".region-map [data-code='440300']").GetAttribute("data-card"));
    }

    [Fact]
    public void A_city_walls_ticker_names_counties_alone_and_dates_rows_from_an_earlier_day()
    {
        var now = DateTimeOffset.UtcNow;
        TickerItem[] items =
        [
            new(TickerKind.Incident, Guid.NewGuid(), "440305", now, FraudType.PigButchering, 5_000m, null, null, 1),
            new(TickerKind.Incident, Guid.NewGuid(), "440305", now.AddDays(-3), FraudType.PigButchering, 6_000m, null, null, 2),
        ];

        var ticker = Render<LiveTicker>(p => p.Add(t => t.Items, items).Add(t => t.Region, RegionCode.Parse("440300")));

        var rows = ticker.FindAll(".ticker-item");
        Assert.All(rows, row => Assert.StartsWith("南山区 · 杀猪盘 · ", row.QuerySelector(".ticker-text")!.TextContent));
        var china = TimeSpan.FromHours(8);
        Assert.Equal(now.ToOffset(china).ToString("HH:mm", CultureInfo.InvariantCulture), rows[0].QuerySelector(".ticker-time")!.TextContent);
        Assert.Equal(now.AddDays(-3).ToOffset(china).ToString("MM-dd HH:mm", CultureInfo.InvariantCulture), rows[1].QuerySelector(".ticker-time")!.TextContent);
    }

    [Fact]
    public async Task A_city_wall_names_a_card_below_the_city_and_the_nation_names_it_from_the_province()
    {
        var city = RenderWall("440300");
        var nation = RenderWall("000000");
        var issued = CardsPageContext.YellowForDens(Nanshan);
        await AppendAsync(issued);

        Feed.Publish(new CardIssuedMessage(Nanshan.ToString(), CardLevel.Yellow, issued.Rule, false, issued.At, ++_sequence));

        city.WaitForState(() => city.FindAll("[data-testid=cards-panel] .card-row").Count == 1, TimeSpan.FromSeconds(10));
        nation.WaitForState(() => nation.FindAll("[data-testid=cards-panel] .card-row").Count == 1, TimeSpan.FromSeconds(10));
        Assert.Equal("南山区", city.Find("[data-testid=cards-panel] .card-region").TextContent);
        Assert.Equal("广东省 · 深圳市 · 南山区", nation.Find("[data-testid=cards-panel] .card-region").TextContent);
    }

    [Fact]
    public void Roll_ups_held_up_for_six_seconds_show_beside_the_connection_state_until_they_catch_up()
    {
        var wall = RenderWall("440000");
        var lag = Services.GetRequiredService<RollUpLag>();
        Assert.Empty(wall.FindAll("[data-testid=catching-up]"));

        lag.Report(stored: 5_000, counted: 1_200);
        _clock.Advance(TimeSpan.FromSeconds(6));
        lag.Report(stored: 5_400, counted: 2_400);

        wall.WaitForState(() => wall.FindAll("[data-testid=catching-up]").Count == 1, TimeSpan.FromSeconds(10));
        Assert.Equal("统计汇总中：3,000 条事件尚未计入", wall.Find("[data-testid=catching-up]").TextContent);
        Assert.Equal("status", wall.Find("[data-testid=catching-up]").GetAttribute("role"));

        _clock.Advance(TimeSpan.FromSeconds(2));
        lag.Report(stored: 5_400, counted: 5_400);
        wall.WaitForState(() => wall.FindAll("[data-testid=catching-up]").Count == 0, TimeSpan.FromSeconds(10));
    }

    private async Task AppendAsync(ICardEvent e)
    {
        await using var session = Services.GetRequiredService<IDocumentStore>().LightweightSession();
        session.Events.Append(RegionCard.StreamIdOf(e.Region), e);
        await session.SaveChangesAsync();
    }
}
