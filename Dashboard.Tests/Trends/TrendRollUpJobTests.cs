using AntiFraud.Dashboard.Tests.Harness;
using AntiFraud.Dashboard.Tests.Regions;
using AntiFraud.Domain.Incidents;
using AntiFraud.Domain.Regions;
using AntiFraud.Domain.Trends;
using AntiFraud.Jobs.Trends;
using Marten;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using static AntiFraud.Dashboard.Tests.Trends.MonthData;

namespace AntiFraud.Dashboard.Tests.Trends;

/// <summary>
/// The trend roll-up on a real store with hand-made days whose answers are known: Nanshan (440305) had 10 incidents in
/// October 2025, 10 in November 2025 (4 of them by the 15th), 30 in August 2026, 20 in September (12 pig-butchering, 8 loan),
/// 10 in October (8 and 2; 4 of them by the 15th) and 5 so far in November, whose 15th it is; Futian (440304) had 10 in October.
/// </summary>
public sealed class TrendRollUpJobTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 15, 10, 0, 0, TimeSpan.FromHours(8));
    private AppHost _app = null!;
    private IDocumentStore _store = null!;

    public async Task InitializeAsync()
    {
        _app = await AppHost.StartAsync();
        _store = _app.Services.GetRequiredService<IDocumentStore>();
        await StoreAsync(_store,
            Day("440305", new(2025, 10, 3), 10),
            Day("440305", new(2025, 11, 10), 4),
            Day("440305", new(2025, 11, 20), 6),
            Day("440305", new(2026, 8, 1), 15, loss: 1_000m),
            Day("440305", new(2026, 8, 31), 15, loss: 1_000m),
            Day("440305", new(2026, 9, 10), 20, byType: new() { [FraudType.PigButchering] = 12, [FraudType.Loan] = 8 }),
            Day("440305", new(2026, 10, 1), 4, byType: new() { [FraudType.PigButchering] = 3, [FraudType.Loan] = 1 }),
            Day("440305", new(2026, 10, 31), 6, byType: new() { [FraudType.PigButchering] = 5, [FraudType.Loan] = 1 }),
            Day("440305", new(2026, 11, 14), 5),
            Day("440304", new(2026, 10, 20), 10),
            Day("440106", new(2026, 10, 20), 99));
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private TrendRollUpJob Job() => new(_store, _app.Services.GetRequiredService<NpgsqlDataSource>(), _app.Services.GetRequiredService<RegionCatalog>(),
        new FixedClock(Now), NullLogger<TrendRollUpJob>.Instance);

    private async Task<RegionMonthTrend> TrendAsync(string region, int year, int month)
    {
        await using var session = _store.QuerySession();
        var trend = await session.LoadAsync<RegionMonthTrend>(RegionMonthTrend.IdOf(RegionCode.Parse(region), new DateOnly(year, month, 1)));
        Assert.NotNull(trend);
        return trend;
    }

    [Fact]
    public async Task October_shows_its_month_on_month_and_year_on_year_change_and_the_two_month_decline()
    {
        await Job().RunFullAsync(CancellationToken.None);

        var october = await TrendAsync("440305", 2026, 10);
        Assert.Equal(10, october.Figures.Incidents);
        Assert.Equal(-0.5, october.MonthOnMonth);
        Assert.Equal(0.0, october.YearOnYear);
        Assert.Equal(2, october.DeclineStreak);
        Assert.True(october.TwoMonthDecline);
        Assert.True(october.Complete);
        Assert.Equal(-0.3333, october.TypeMonthOnMonth[FraudType.PigButchering]);
        Assert.Equal(-0.75, october.TypeMonthOnMonth[FraudType.Loan]);

        var september = await TrendAsync("440305", 2026, 9);
        Assert.Equal(1, september.DeclineStreak);
        Assert.False(september.TwoMonthDecline);
        Assert.Null(september.YearOnYear);

        var august = await TrendAsync("440305", 2026, 8);
        Assert.Equal(30, august.Figures.Incidents);
        Assert.Equal(2_000m, august.Figures.Loss);
        Assert.Null(august.MonthOnMonth);
        Assert.Equal(0, august.DeclineStreak);

        Assert.Null(october.ComparedThroughDay);
    }

    [Fact]
    public async Task The_month_still_running_is_compared_with_the_same_days_of_the_month_before_and_of_a_year_before()
    {
        await Job().RunFullAsync(CancellationToken.None);

        // 5 by 15 November, against 4 by 15 October and 4 by 15 November 2025: up a quarter both ways, not down by half
        // against the whole of October (10) and of November 2025 (10), and so not a third month of decline.
        var november = await TrendAsync("440305", 2026, 11);
        Assert.False(november.Complete);
        Assert.Equal(15, november.ComparedThroughDay);
        Assert.Equal(5, november.Figures.Incidents);
        Assert.Equal(0.25, november.MonthOnMonth);
        Assert.Equal(0.25, november.YearOnYear);
        Assert.Equal(0, november.DeclineStreak);
    }

    [Theory]
    [InlineData("2026-11-15", "2026-10-01", "2026-10-15")]
    [InlineData("2026-03-31", "2026-02-01", "2026-02-28")]
    [InlineData("2028-03-30", "2028-02-01", "2028-02-29")]
    [InlineData("2027-02-28", "2027-01-01", "2027-01-28")]
    public void The_month_before_is_taken_over_the_same_days_or_whole_when_it_is_shorter(string today, string from, string to)
    {
        var day = DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture);

        var span = RunningMonth.SameDays(RegionMonthTrend.MonthOf(day).AddMonths(-1), day.Day);

        Assert.Equal((DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture)), span);
    }

    [Fact]
    public async Task Siblings_are_ranked_by_incidents_with_ties_sharing_a_rank()
    {
        await Job().RunFullAsync(CancellationToken.None);
        var catalog = _app.Services.GetRequiredService<RegionCatalog>();
        var shenzhenCounties = catalog.Get(RegionCode.Parse("440300")).Children.Count;

        var nanshan = await TrendAsync("440305", 2026, 10);
        var futian = await TrendAsync("440304", 2026, 10);
        Assert.Equal((1, shenzhenCounties), (nanshan.Rank, nanshan.Siblings));
        Assert.Equal((1, shenzhenCounties), (futian.Rank, futian.Siblings));
        // Guangzhou's county is in another city: it does not push Shenzhen's counties down.
        Assert.Equal(1, (await TrendAsync("440106", 2026, 10)).Rank);
    }

    [Fact]
    public async Task Running_twice_writes_nothing_the_second_time_and_leaves_the_same_trends()
    {
        var first = await Job().RunFullAsync(CancellationToken.None);
        var before = await TrendAsync("440305", 2026, 10);

        var second = await Job().RunFullAsync(CancellationToken.None);

        Assert.True(first.Written > 0);
        Assert.Equal(0, second.Written);
        Assert.Equal(first.Computed, second.Computed);
        Assert.True(before.SameAs(await TrendAsync("440305", 2026, 10)));
    }

    [Fact]
    public async Task A_late_report_changes_only_what_it_touches_on_the_next_hourly_run()
    {
        await Job().RunFullAsync(CancellationToken.None);
        await StoreAsync(_store, Day("440305", new(2026, 11, 15), 7));

        var hourly = await Job().RunRecentAsync(CancellationToken.None);

        Assert.Equal(1, hourly.Written);
        Assert.Equal([RegionCode.Parse("440305")], hourly.ChangedThisMonth);
        var november = await TrendAsync("440305", 2026, 11);
        Assert.Equal(12, november.Figures.Incidents);
        Assert.Equal(2.0, november.MonthOnMonth); // 12 against October's 4 by the 15th
        Assert.Equal(0, november.DeclineStreak);
    }
}
