using AntiFraud.Dashboard.Tests.Harness;
using Microsoft.Playwright;

namespace AntiFraud.Dashboard.Tests.Regions;

[Collection(BrowserCollection.Name)]
public sealed class RegionDrillDownBrowserTests(Browser browser) : IAsyncLifetime
{
    private AppHost _app = null!;

    public async Task InitializeAsync() => _app = await AppHost.StartAsync(kestrel: true);
    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Clicking_the_map_drills_from_the_nation_to_a_province_a_city_and_a_county_and_the_breadcrumb_leads_back()
    {
        await using var browserPage = await browser.OpenAsync(_app, "regions/000000");
        var page = browserPage.Page;
        await browserPage.WaitForCircuitAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("全国");
        await Assertions.Expect(page.Locator("svg a.region-link")).ToHaveCountAsync(31);
        await browserPage.ScreenshotAsync("1-nation");

        await page.Locator("a.region-link[data-code='440000']").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("广东省");
        await Assertions.Expect(page.GetByTestId("breadcrumb")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("全国.*广东省"));
        await browserPage.ScreenshotAsync("2-province");

        await page.Locator("a.region-link[data-code='440300']").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("深圳市");
        await browserPage.ScreenshotAsync("3-city");

        await page.Locator("a.region-link[data-code='440305']").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("南山区");
        await Assertions.Expect(page.GetByTestId("breadcrumb")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("全国.*广东省.*深圳市.*南山区"));
        await Assertions.Expect(page.GetByTestId("county-note")).ToBeVisibleAsync();

        await page.GetByTestId("breadcrumb").GetByRole(AriaRole.Link, new() { Name = "广东省" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("广东省");
        Assert.EndsWith("/regions/440000", page.Url);
    }

    [Fact]
    public async Task Hovering_a_region_shows_its_name_and_an_unknown_code_says_so()
    {
        await using var browserPage = await browser.OpenAsync(_app, "regions/44", locale: "en");
        var page = browserPage.Page;
        await browserPage.WaitForCircuitAsync();

        await page.Locator("a.region-link[data-code='440100']").HoverAsync();
        await Assertions.Expect(page.Locator(".legend-hover")).ToContainTextAsync("Guangzhou");

        await page.GotoAsync("regions/449999");
        await Assertions.Expect(page.GetByTestId("region-error")).ToContainTextAsync("449999 is not in the catalogue");
    }
}
