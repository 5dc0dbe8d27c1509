using AntiFraud.Dashboard.Features.Regions;
using AntiFraud.Dashboard.Tests.Harness;
using AntiFraud.Domain.Activity;
using AntiFraud.Domain.Figures;
using AntiFraud.Domain.Regions;
using Bunit;

namespace AntiFraud.Dashboard.Tests.Regions;

/// <summary>The analysis page's arithmetic on hand-made day totals: ranges, month-on-month and year-on-year changes, the children's rows.</summary>
public sealed class RegionAnalysisTests : ComponentTestContext
{
    private static readonly RegionCatalog Catalog = RegionCatalog.Load();
    private static readonly Region Guangdong = Catalog.Get(RegionCode.Parse("44"));
    private static readonly RegionCode Shenzhen = RegionCode.Parse("4403");
    private static readonly RegionCode Guangzhou = RegionCode.Parse("4401");

    private static readonly AnalysisPeriod July = new(new DateOnly(2025, 7, 1), new DateOnly(2025, 7, 15));

    private static RegionDayTotals Day(RegionCode region, DateOnly day, long incidents, decimal loss = 0, decimal returned = 0,
        long calls = 0, long sms = 0, params int[] callBackMinutes) => new()
    {
        Id = RegionDayTotals.IdOf(region, day), Region = region, Day = day, Incidents = incidents, Loss = loss, Returned = returned,
        Activity = ActivityCounts.Zero with { CallsIntercepted = calls, SmsIntercepted = sms },
        WarningsCalledBack = callBackMinutes.Length,
        CallBackMinutes = callBackMinutes.GroupBy(m => m).ToDictionary(g => g.Key, g => (long)g.Count()),
    };

    private static Dictionary<RegionCode, RegionTotals> Totals(AnalysisPeriod period, params RegionDayTotals[] days) =>
        days.GroupBy(d => d.Region).ToDictionary(g => g.Key, g => RegionTotals.Sum(g.Key, period.From, period.To, g));

    [Fact]
    public void Month_on_month_and_year_on_year_compare_the_range_with_the_same_days_one_month_and_one_year_earlier()
    {
        Assert.Equal(new AnalysisPeriod(new DateOnly(2025, 6, 1), new DateOnly(2025, 6, 15)), July.MonthEarlier);
        Assert.Equal(new AnalysisPeriod(new DateOnly(2024, 7, 1), new DateOnly(2024, 7, 15)), July.YearEarlier);

        // 30 incidents now, 20 the month before (+50 %), 40 the year before (−25 %); loss 1 000 now against 1 000 and nothing.
        var now = Totals(July, Day(Guangdong.Code, July.From, 10, loss: 400), Day(Guangdong.Code, July.To, 20, loss: 600));
        var month = Totals(July.MonthEarlier, Day(Guangdong.Code, July.MonthEarlier.From, 20, loss: 1_000));
        var year = Totals(July.YearEarlier, Day(Guangdong.Code, July.YearEarlier.To, 40));

        var figures = RegionAnalysis.Of(Guangdong, July, now, month, year).Headlines.ToDictionary(f => f.Key);

        Assert.Equal(30, figures["Incidents"].Value);
        Assert.Equal(50m, figures["Incidents"].MonthOnMonth);
        Assert.Equal(-25m, figures["Incidents"].YearOnYear);
        Assert.Equal(0m, figures["Loss"].MonthOnMonth);
        Assert.Null(figures["Loss"].YearOnYear);
    }

    [Fact]
    public void Intercepted_adds_calls_and_text_messages_and_the_median_call_back_compares_minutes()
    {
        var now = Totals(July, Day(Guangdong.Code, July.From, 0, calls: 70, sms: 30, callBackMinutes: [4, 6, 8]));
        var month = Totals(July.MonthEarlier, Day(Guangdong.Code, July.MonthEarlier.From, 0, calls: 40, sms: 10, callBackMinutes: [12]));

        var figures = RegionAnalysis.Of(Guangdong, July, now, month, new Dictionary<RegionCode, RegionTotals>()).Headlines.ToDictionary(f => f.Key);

        Assert.Equal(100, figures["Intercepted"].Value);
        Assert.Equal(100m, figures["Intercepted"].MonthOnMonth);
        Assert.Null(figures["Intercepted"].YearOnYear);
        // The middle of 4, 6 and 8 minutes is 6; half the 12 minutes of the month before.
        Assert.Equal(6, figures["MedianCallBack"].Value);
        Assert.Equal(-50m, figures["MedianCallBack"].MonthOnMonth);
        Assert.Null(figures["MedianCallBack"].YearOnYear);
    }

    [Fact]
    public void Every_child_gets_a_row_with_its_own_month_on_month_change_and_zeros_where_nothing_was_reported()
    {
        var now = Totals(July, Day(Shenzhen, July.From, 6, loss: 9_000), Day(Guangzhou, July.To, 3));
        var month = Totals(July.MonthEarlier, Day(Shenzhen, July.MonthEarlier.To, 4));

        var rows = RegionAnalysis.Of(Guangdong, July, now, month, new Dictionary<RegionCode, RegionTotals>()).Children.ToDictionary(r => r.Code);

        Assert.Equal(Guangdong.Children.Select(c => c.Code), rows.Keys);
        Assert.Equal((6, 9_000m, 50m), (rows[Shenzhen].Incidents, rows[Shenzhen].Loss, rows[Shenzhen].IncidentsMonthOnMonth!.Value));
        Assert.Equal(3, rows[Guangzhou].Incidents);
        Assert.Null(rows[Guangzhou].IncidentsMonthOnMonth);
        Assert.All(rows.Values.Where(r => r.Code != Shenzhen && r.Code != Guangzhou), r => Assert.Equal(0, r.Incidents));
    }

    [Fact]
    public void A_rise_is_green_where_it_is_good_news_and_red_where_it_is_bad()
    {
        var now = Totals(July, Day(Guangdong.Code, July.From, 30, returned: 500));
        var month = Totals(July.MonthEarlier, Day(Guangdong.Code, July.MonthEarlier.From, 20, returned: 100));
        var analysis = RegionAnalysis.Of(Guangdong, July, now, month, new Dictionary<RegionCode, RegionTotals>());

        var tiles = Render<HeadlineTiles>(p => p.Add(t => t.Figures, analysis.Headlines));

        Assert.Contains("bad", tiles.Find("[data-figure=Incidents] [data-change=mom]").ClassList);
        Assert.Contains("good", tiles.Find("[data-figure=Returned] [data-change=mom]").ClassList);
        Assert.Contains("+400%", tiles.Find("[data-figure=Returned] [data-change=mom]").TextContent);
        // Nothing a year earlier: no percentage, and a reason for screen readers.
        Assert.Contains("—", tiles.Find("[data-figure=Incidents] [data-change=yoy]").TextContent);
        Assert.Contains("无法比较", tiles.Find("[data-figure=Incidents] [data-change=yoy]").TextContent);
        Assert.Equal("30", tiles.Find("[data-figure=Incidents] [data-testid=figure-value]").TextContent);
    }

    [Fact]
    public void The_default_range_is_this_month_so_far_in_China_even_when_it_is_still_yesterday_in_UTC()
    {
        // 16:30 UTC on 31 July is 00:30 on 1 August in Beijing.
        var clock = new FixedClock(new DateTimeOffset(2025, 7, 31, 16, 30, 0, TimeSpan.Zero));

        var period = AnalysisPeriod.ThisMonthSoFar(clock);

        Assert.Equal(new AnalysisPeriod(new DateOnly(2025, 8, 1), new DateOnly(2025, 8, 1)), period);
        Assert.Equal(new DateOnly(2025, 7, 1), period.MonthEarlier.From);
    }

    [Fact]
    public void A_day_the_earlier_month_lacks_becomes_its_last_day()
    {
        var march = new AnalysisPeriod(new DateOnly(2024, 3, 1), new DateOnly(2024, 3, 31));

        Assert.Equal(new AnalysisPeriod(new DateOnly(2024, 2, 1), new DateOnly(2024, 2, 29)), march.MonthEarlier);
        Assert.Equal(new DateOnly(2023, 2, 28), new AnalysisPeriod(new DateOnly(2024, 2, 29), new DateOnly(2024, 2, 29)).YearEarlier.From);
    }

    [Fact]
    public void Ranges_longer_than_the_limit_or_ending_before_they_start_are_not_valid()
    {
        var start = new DateOnly(2024, 1, 1);

        Assert.True(new AnalysisPeriod(start, start.AddDays(AnalysisPeriod.MaxDays - 1)).IsValid);
        Assert.False(new AnalysisPeriod(start, start.AddDays(AnalysisPeriod.MaxDays)).IsValid);
        Assert.False(new AnalysisPeriod(start, start.AddDays(-1)).IsValid);
        Assert.Null(AnalysisPeriod.Parse("2024-13-01", "2024-12-31"));
    }
}
