using AntiFraud.Dashboard.Features.Regions;
using AntiFraud.Dashboard.Tests.Harness;
using AntiFraud.Dashboard.Tests.Regions;
using AntiFraud.Domain.Common;
using AntiFraud.Domain.Regions;
using AntiFraud.Domain.Trends;
using Bunit;
using Marten;

namespace AntiFraud.Dashboard.Tests.Trends;

/// <summary>The region page's trend section on stored trends: the streak called out, months with their changes and ranks.</summary>
public sealed class RegionTrendsTests : ComponentTestContext
{
    private static readonly DateTimeOffset Now = new(2026, 11, 15, 10, 0, 0, TimeSpan.FromHours(8));
    private readonly RegionCatalog _catalog = RegionCatalog.Load();

    public RegionTrendsTests()
    {
        UseStore("trends");
        Services.AddSingleton(_catalog);
        Services.AddSingleton<TimeProvider>(new FixedClock(Now));
        Services.AddLogging();
    }

    private static RegionMonthTrend Month(string region, int month, long incidents, double? mom, int streak, int rank = 1, int siblings = 1, bool complete = true,
        int? throughDay = null) => new()
    {
        Id = RegionMonthTrend.IdOf(RegionCode.Parse(region), new DateOnly(2026, month, 1)),
        Region = RegionCode.Parse(region),
        Month = new DateOnly(2026, month, 1),
        Figures = MonthFigures.Zero with { Incidents = incidents },
        MonthOnMonth = mom,
        DeclineStreak = streak,
        Rank = rank,
        Siblings = siblings,
        Complete = complete,
        ComparedThroughDay = throughDay,
    };

    private async Task StoreAsync(params RegionMonthTrend[] trends)
    {
        await using var session = Services.GetRequiredService<IDocumentStore>().LightweightSession();
        session.Store(trends);
        await session.SaveChangesAsync();
    }

    [Fact]
    public async Task A_province_on_a_two_month_decline_is_called_out_with_the_children_that_are_too()
    {
        await StoreAsync(
            Month("440000", 8, 300, null, 0), Month("440000", 9, 200, -0.3333, 1), Month("440000", 10, 150, -0.25, 2),
            Month("440000", 11, 90, -0.4, 3, complete: false),
            Month("440300", 10, 40, -0.2, 2, rank: 2, siblings: 21), Month("440100", 10, 60, 0.1, 0, rank: 1, siblings: 21));

        var trends = Render<RegionTrends>(p => p.Add(x => x.Region, _catalog.Get(RegionCode.Parse("440000"))));

        trends.WaitForAssertion(() => Assert.Equal("ready", trends.Find("[data-testid=trends]").GetAttribute("data-state")), TimeSpan.FromSeconds(30));
        Assert.Equal("广东省发案已连续 2 个月环比下降（截至2026年10月）。", trends.Find("[data-testid=trends-streak]").TextContent.Trim());
        var children = trends.Find("[data-testid=trends-children]").TextContent;
        Assert.Contains("深圳市", children);
        Assert.DoesNotContain("广州市", children);
        var october = trends.Find("tr[data-month='2026-10']");
        Assert.Contains("150", october.TextContent);
        Assert.Contains("-25%", october.TextContent);
        Assert.Contains("↓↓", october.TextContent);
        Assert.Contains("（截至目前）", trends.Find("tr[data-month='2026-11']").TextContent);
        // A month's incidents, not today's.
        Assert.Equal(["月份", "警情"], trends.FindAll("thead th").Take(2).Select(h => h.TextContent.Trim()));
    }

    [Fact]
    public async Task The_month_still_running_says_which_days_its_changes_compare()
    {
        await StoreAsync(Month("450000", 10, 100, null, 0), Month("450000", 11, 60, 0.2, 0, complete: false, throughDay: 15));

        var trends = Render<RegionTrends>(p => p.Add(x => x.Region, _catalog.Get(RegionCode.Parse("450000"))));

        trends.WaitForAssertion(() => Assert.Equal("ready", trends.Find("[data-testid=trends]").GetAttribute("data-state")), TimeSpan.FromSeconds(30));
        var november = trends.Find("tr[data-month='2026-11']");
        Assert.Contains("2026年11月 （1–15日）", november.TextContent);
        Assert.Contains("+20%", november.TextContent);
        Assert.Equal("本月截至15日：环比、同比均按同期比较，即上月和去年同月的 1–15 日。", trends.Find("[data-testid=trends-same-days]").TextContent.Trim());
    }

    [Fact]
    public void Without_any_roll_up_yet_the_section_says_when_trends_appear()
    {
        var trends = Render<RegionTrends>(p => p.Add(x => x.Region, _catalog.Get(RegionCode.Parse("510000"))));

        // The store's tables are made on this first read, which can take seconds on a busy machine.
        trends.WaitForAssertion(() => Assert.Contains("每小时（05分）和每晚汇总一次", trends.Find("[data-testid=trends-empty]").TextContent), TimeSpan.FromSeconds(30));
    }
}
