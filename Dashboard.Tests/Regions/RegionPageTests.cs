using AntiFraud.Dashboard.Features.Regions;
using AntiFraud.Dashboard.Tests.Harness;
using AntiFraud.Domain.Regions;
using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace AntiFraud.Dashboard.Tests.Regions;

/// <summary>The region page on its own, against a database nobody answers on and a clock fixed to a known China day.</summary>
public sealed class RegionPageTests : ComponentTestContext
{
    // 16:30 UTC on 31 July 2025 is 00:30 on 1 August in Beijing.
    private static readonly DateTimeOffset Now = new(2025, 7, 31, 16, 30, 0, TimeSpan.Zero);
    public RegionPageTests()
    {
        UseUnreachableStore();
        Services.AddSingleton(RegionCatalog.Load());
        Services.AddSingleton(new RegionShapes());
        Services.AddSingleton<TimeProvider>(new FixedClock(Now));
        Services.AddLogging();
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        Render<MudPopoverProvider>();
    }

    private IRenderedComponent<RegionPage> RenderAt(string code, string query)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo($"regions/{code}?{query}");
        return Render<RegionPage>(p => p.Add(r => r.Code, code));
    }

    [Fact]
    public async Task An_unreachable_database_gives_a_message_and_a_retry_button_instead_of_an_error_page()
    {
        var page = Render<RegionPage>(p => p.Add(r => r.Code, "440000"));

        await page.WaitForAssertionAsync(() => Assert.Contains("暂时无法连接数据库", page.Find("[data-testid=figures-error]").TextContent), TimeSpan.FromSeconds(30));
        await page.WaitForAssertionAsync(() => Assert.Contains("暂时无法连接数据库", page.Find("[data-testid=incidents-error]").TextContent), TimeSpan.FromSeconds(30));
        Assert.Equal("error", page.Find("[data-testid=figures]").GetAttribute("data-state"));
        Assert.NotNull(page.Find("[data-testid=figures-retry]"));
        Assert.Equal("广东省", page.Find("h1").TextContent);
        Assert.Contains("数据未能加载", page.Find("[data-testid=child-table-empty]").TextContent);
    }

    [Fact]
    public void The_page_opens_on_this_month_so_far_in_China_time_and_names_the_days_it_compares_with()
    {
        var page = Render<RegionPage>(p => p.Add(r => r.Code, "440000"));

        var compared = page.Find("[data-testid=range-compared]").TextContent;
        Assert.Contains("2025-08-01 至 2025-08-01", compared);
        Assert.Contains("环比对照 2025-07-01 至 2025-07-01", compared);
        Assert.Contains("同比对照 2024-08-01 至 2024-08-01", compared);
    }

    [Fact]
    public void A_range_in_the_address_longer_than_the_limit_is_refused_with_a_message_and_this_month_is_shown()
    {
        var from = new DateOnly(2023, 1, 1);
        var to = from.AddDays(AnalysisPeriod.MaxDays);

        var page = RenderAt("440000", $"from={AnalysisPeriod.Iso(from)}&to={AnalysisPeriod.Iso(to)}");

        var message = page.Find("[data-testid=range-error]").TextContent;
        Assert.Contains($"{AnalysisPeriod.MaxDays + 1} 天", message);
        Assert.Contains($"最多可查看 {AnalysisPeriod.MaxDays} 天", message);
        Assert.Contains("2025-08-01 至 2025-08-01", page.Find("[data-testid=range-compared]").TextContent);
    }

    [Fact]
    public void A_range_in_the_address_is_kept_in_the_links_that_drill_down_and_up()
    {
        var page = RenderAt("440300", "from=2025-06-01&to=2025-06-30");

        Assert.Contains("2025-06-01 至 2025-06-30", page.Find("[data-testid=range-compared]").TextContent);
        Assert.Equal("regions/440305?from=2025-06-01&to=2025-06-30", page.Find("a.region-link[data-code='440305']").GetAttribute("href"));
        Assert.Equal("regions/440000?from=2025-06-01&to=2025-06-30", page.FindAll("[data-testid=breadcrumb] a").Last().GetAttribute("href"));
    }
}
