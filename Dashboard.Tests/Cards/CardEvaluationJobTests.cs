using AntiFraud.Dashboard.Live;
using AntiFraud.Dashboard.Tests.Harness;
using AntiFraud.Dashboard.Tests.Regions;
using AntiFraud.Domain.Cards;
using AntiFraud.Domain.Regions;
using AntiFraud.Jobs.Cards;
using Marten;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using static AntiFraud.Dashboard.Tests.Trends.MonthData;

namespace AntiFraud.Dashboard.Tests.Cards;

/// <summary>
/// The nightly evaluation on a real store, with the shipped rules over hand-made months (August to October 2026): Nanshan
/// (440305) has 12 dens located there, Baoan (440306) 12 dens and 40 victims; every other county is quiet.
/// </summary>
public sealed class CardEvaluationJobTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 0, 30, 0, TimeSpan.FromHours(8));
    private static readonly RegionCode Nanshan = RegionCode.Parse("440305"), Baoan = RegionCode.Parse("440306");
    private AppHost _app = null!;
    private IDocumentStore _store = null!;

    public async Task InitializeAsync()
    {
        _app = await AppHost.StartAsync();
        _store = _app.Services.GetRequiredService<IDocumentStore>();
        await StoreAsync(_store,
            Day("440305", new(2026, 8, 5), 1, dens: 4),
            Day("440305", new(2026, 9, 5), 1, dens: 4),
            Day("440305", new(2026, 10, 5), 1, dens: 4),
            Day("440306", new(2026, 8, 5), 15, dens: 4),
            Day("440306", new(2026, 9, 5), 15, dens: 4),
            Day("440306", new(2026, 10, 5), 10, dens: 4),
            // Outside the window: November is still running, July is too old.
            Day("440307", new(2026, 11, 1), 90, dens: 90),
            Day("440308", new(2026, 7, 31), 90, dens: 90));
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private CardEvaluationJob Job() => new(_store, _app.Services.GetRequiredService<NpgsqlDataSource>(), _app.Services.GetRequiredService<RegionCatalog>(),
        new FixedClock(Now), _app.Services.GetRequiredService<IOptions<CardRules>>(), NullLogger<CardEvaluationJob>.Instance);

    private async Task<RegionCard?> CardOfAsync(RegionCode region)
    {
        await using var session = _store.QuerySession();
        return await session.LoadAsync<RegionCard>(RegionCard.StreamIdOf(region));
    }

    [Fact]
    public async Task The_night_run_cards_the_two_counties_once_and_a_second_run_changes_nothing()
    {
        var first = await Job().RunAsync(CancellationToken.None);
        var second = await Job().RunAsync(CancellationToken.None);

        Assert.Equal((2, 0, 0), (first.Issued, first.Escalated, first.Lifted));
        Assert.Equal((0, 0, 0), (second.Issued, second.Escalated, second.Lifted));

        var nanshan = await CardOfAsync(Nanshan);
        Assert.Equal(CardLevel.Yellow, nanshan!.Level);
        var dens = Assert.Single(nanshan.Current!.Readings, r => r.Crossed);
        Assert.Equal((CardIndicator.Dens, 12L, 3L), (dens.Indicator, dens.Value, dens.Line));
        Assert.Equal((new DateOnly(2026, 8, 1), new DateOnly(2026, 10, 31)), (nanshan.Current.WindowFrom, nanshan.Current.WindowTo));
        Assert.Single(nanshan.History);

        var baoan = await CardOfAsync(Baoan);
        Assert.Equal(CardLevel.Red, baoan!.Level);
        Assert.Equal([CardIndicator.Dens, CardIndicator.Victims], baoan.Current!.Readings.Where(r => r.Crossed).Select(r => r.Indicator).Order());

        Assert.Null(await CardOfAsync(RegionCode.Parse("440307")));
        Assert.Null(await CardOfAsync(RegionCode.Parse("440308")));
    }

    [Fact]
    public async Task Screens_watching_the_province_are_told_of_each_card_as_it_is_issued_and_lifted()
    {
        await using var hub = await HubClient.ConnectAsync(_app);
        await hub.WatchAsync("440000");

        await Job().RunAsync(CancellationToken.None);
        await hub.WaitUntilAsync(c => c.Of<CardIssuedMessage>().Count() == 2, TimeSpan.FromSeconds(20));
        var red = hub.Of<CardIssuedMessage>().Single(m => m.RegionCode == "440306");
        Assert.Equal((CardLevel.Red, CardRuleNames.SeveralIndicators, false), (red.Level, red.Rule, red.Escalated));

        var desk = new CardDesk(_store, new FixedClock(Now));
        var lifted = await desk.DecideAsync(CardAction.Lift, Nanshan, CardLevel.Yellow, "窝点已全部打掉", RegionCode.Parse("440000"), CancellationToken.None);
        Assert.False(lifted.Refused);
        await hub.WaitUntilAsync(c => c.Of<CardLiftedMessage>().Any(m => m.RegionCode == "440305"), TimeSpan.FromSeconds(20));
        Assert.Null((await CardOfAsync(Nanshan))!.Level);
    }
}
