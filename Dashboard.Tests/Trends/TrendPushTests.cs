using AntiFraud.Dashboard.Live;
using AntiFraud.Dashboard.Tests.Harness;
using AntiFraud.Domain.Common;
using AntiFraud.Domain.Trends;
using AntiFraud.Jobs.Trends;
using Marten;
using static AntiFraud.Dashboard.Tests.Trends.MonthData;

namespace AntiFraud.Dashboard.Tests.Trends;

/// <summary>A trend roll-up that changes this month's trend reaches the screens watching the region as figuresChanged.</summary>
public sealed class TrendPushTests
{
    [Fact]
    public async Task Screens_watching_a_county_get_its_new_month_on_month_change_and_decline_streak()
    {
        await using var app = await AppHost.StartAsync();
        var thisMonth = RegionMonthTrend.MonthOf(ChinaTime.DayOf(DateTimeOffset.UtcNow));
        // 20 incidents two months ago, 10 last month, 4 so far this month: down 60%, the second month of decline in a row.
        await StoreAsync(app.Services.GetRequiredService<IDocumentStore>(),
            Day("440305", thisMonth.AddMonths(-2), 20), Day("440305", thisMonth.AddMonths(-1), 10), Day("440305", thisMonth, 4));
        await using var hub = await HubClient.ConnectAsync(app);
        await hub.WatchAsync("440305");

        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<TrendRollUpJob>().RunRecentAsync(CancellationToken.None);

        await hub.WaitUntilAsync(c => c.Of<FiguresChangedMessage>().Any(f => f.RegionCode == "440305" && f.DeclineStreak == 2), TimeSpan.FromSeconds(20));
        var latest = hub.Of<FiguresChangedMessage>().Last(f => f.RegionCode == "440305");
        Assert.Equal(-0.6, latest.MonthOnMonth);
    }
}
