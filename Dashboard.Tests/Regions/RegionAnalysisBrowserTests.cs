using System.Globalization;
using System.Text;
using AntiFraud.Dashboard.Tests.Harness;
using AntiFraud.Domain.Common;
using AntiFraud.Domain.Regions;
using Microsoft.Playwright;
using static AntiFraud.Dashboard.Tests.Harness.Ingestion;

namespace AntiFraud.Dashboard.Tests.Regions;

/// <summary>The region page as a commander uses it: incidents reported through the API show in the figures, the map, the table of the regions below, the incident list and the CSV export.</summary>
[Collection(BrowserCollection.Name)]
public sealed class RegionAnalysisBrowserTests(Browser browser) : IAsyncLifetime
{
    private AppHost _app = null!;

    public async Task InitializeAsync() => _app = await AppHost.StartAsync(kestrel: true);
    public async Task DisposeAsync() => await _app.DisposeAsync();

    private sealed record Reported(Guid Id, string County, DateTimeOffset At, string Type, string Channel, decimal Loss)
    {
        public bool IsWithin(string region) => RegionCode.Parse(County).IsWithin(RegionCode.Parse(region));
    }

    private static async Task<Reported> ReportAsync(ReportingCentreClient centre, string county, DateTimeOffset at, decimal loss, string type, string channel = "App")
    {
        var body = Incident(NewExternalId("region-page"), county, at, loss, type);
        body["channel"] = channel;
        return new Reported(await centre.Http.CreateAsync("/api/v1/incidents", body), county, at, type, channel, loss);
    }

    /// <summary>Moments of today (China time) a few seconds apart, none in the future, whatever the time of day.</summary>
    private static DateTimeOffset Today(int second)
    {
        var now = DateTimeOffset.UtcNow;
        var start = ChinaTime.StartOf(ChinaTime.DayOf(now));
        var first = now - TimeSpan.FromMinutes(30) < start ? start : now - TimeSpan.FromMinutes(30);
        return first.AddSeconds(second).ToChina();
    }

    private static Task WaitForFiguresAsync(IPage page) =>
        Assertions.Expect(page.GetByTestId("figures")).ToHaveAttributeAsync("data-state", "ready", new() { Timeout = 30_000 });

    private static Task WaitForIncidentsAsync(IPage page) =>
        Assertions.Expect(page.GetByTestId("incident-list")).ToHaveAttributeAsync("data-state", "ready", new() { Timeout = 30_000 });

    private static string Percent(int now, int before) =>
        (now - before) * 100 / before is var change && change > 0 ? $"+{change}%" : $"{change}%";

    [Fact]
    public async Task Reported_incidents_show_in_the_figures_the_table_the_filtered_list_and_the_CSV_of_the_shown_rows()
    {
        var guangdong = await _app.CentreAsync("44", "广东省反诈中心");
        var sichuan = await _app.CentreAsync("51", "四川省反诈中心");
        var thisMonth = new List<Reported>
        {
            await ReportAsync(guangdong, "440305", Today(0), 88_000m, "PigButchering"),
            await ReportAsync(guangdong, "440304", Today(1), 12_000m, "Loan", "Call"),
            await ReportAsync(guangdong, "440106", Today(2), 5_000m, "FakeCustomerService"),
            await ReportAsync(sichuan, "510104", Today(3), 7_000m, "Loan"),
        };
        // The same day of last month, inside the month-on-month comparison of "this month so far".
        Reported[] lastMonth = [await ReportAsync(guangdong, "440303", At(ChinaTime.DayOf(DateTimeOffset.UtcNow).AddMonths(-1), 0, 30), 1_000m, "Loan")];
        await _app.WaitForRollUpsAsync();

        var inGuangdong = thisMonth.Where(r => r.IsWithin("440000")).ToList();
        var inShenzhen = inGuangdong.Where(r => r.IsWithin("440300")).ToList();
        var inGuangzhou = inGuangdong.Where(r => r.IsWithin("440100")).ToList();

        await using var browserPage = await browser.OpenAsync(_app, "regions/440000");
        var page = browserPage.Page;
        await browserPage.WaitForCircuitAsync();
        await WaitForFiguresAsync(page);
        await WaitForIncidentsAsync(page);

        // Headline figures: this month's incidents in the province, against one the month before.
        var incidents = page.Locator("[data-figure=Incidents]");
        await Assertions.Expect(incidents.GetByTestId("figure-value")).ToHaveTextAsync(inGuangdong.Count.ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(incidents.Locator("[data-change=mom]")).ToContainTextAsync(Percent(inGuangdong.Count, lastMonth.Count(r => r.IsWithin("440000"))));
        await Assertions.Expect(page.Locator("[data-figure=Loss] [data-testid=figure-value]")).Not.ToHaveTextAsync("0元");

        // The map colours Shenzhen, which had incidents, unlike Zhuhai, which had none.
        var shenzhenFill = await page.Locator("a.region-link[data-code='440300'] path.region").GetAttributeAsync("fill");
        Assert.NotEqual(await page.Locator("a.region-link[data-code='440400'] path.region").GetAttributeAsync("fill"), shenzhenFill);

        // The table of cities.
        var table = page.GetByTestId("child-table");
        ILocator Row(string code) => table.Locator($"tr:has(a[data-code='{code}'])");
        await Assertions.Expect(Row("440300").Locator("td.col-incidents")).ToHaveTextAsync(inShenzhen.Count.ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(Row("440300").Locator("td.col-mom")).ToHaveTextAsync(Percent(inShenzhen.Count, lastMonth.Count(r => r.IsWithin("440300"))));
        await Assertions.Expect(Row("440100").Locator("td.col-incidents")).ToHaveTextAsync(inGuangzhou.Count.ToString(CultureInfo.InvariantCulture));
        Assert.DoesNotContain(lastMonth, r => r.IsWithin("440100"));
        await Assertions.Expect(Row("440100").Locator("td.col-mom")).ToHaveTextAsync("—");
        // Screen readers get both tables named by a caption.
        await Assertions.Expect(table.Locator("table > caption")).ToContainTextAsync("广东省下级地区");
        await Assertions.Expect(page.GetByTestId("incident-list").Locator("table > caption")).ToContainTextAsync("广东省及下级地区的警情");
        await browserPage.ScreenshotAsync("1-figures");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Browser.ScreenshotFolder, "RegionAnalysis-full-page-dark.png"), FullPage = true });

        // The incident list: the province's incidents, newest first, each leading to its incident page.
        var list = page.GetByTestId("incident-list");
        var rows = list.Locator("tr.incident-row");
        await Assertions.Expect(rows).ToHaveCountAsync(inGuangdong.Count);
        Assert.Equal(inGuangdong.OrderByDescending(r => r.At).Select(r => r.Id.ToString()), await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.id)"));
        var newest = inGuangdong.MaxBy(r => r.At)!;
        Assert.Equal($"incidents/{newest.Id}", await list.Locator($"tr[data-id='{newest.Id}'] a").GetAttributeAsync("href"));

        // Only loan fraud.
        await page.GetByTestId("filter-type").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "贷款诈骗" }).ClickAsync();
        var loans = inGuangdong.Where(r => r.Type == "Loan").ToList();
        await Assertions.Expect(rows).ToHaveCountAsync(loans.Count);
        await Assertions.Expect(list.Locator($"tr[data-id='{loans[0].Id}']")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("incident-total")).ToContainTextAsync(loans.Count.ToString(CultureInfo.InvariantCulture));

        // Back to every type, then a loss of at least 10 000 yuan.
        await page.GetByTestId("filter-clear").ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(inGuangdong.Count);
        await page.GetByTestId("filter-min-loss").FillAsync("10000");
        await page.GetByTestId("filter-min-loss").PressAsync("Enter");
        var large = inGuangdong.Where(r => r.Loss >= 10_000m).Select(r => r.Id.ToString()).ToList();
        await Assertions.Expect(rows).ToHaveCountAsync(large.Count);
        Assert.Equal(large.Order(), (await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.id)")).Order());
        await browserPage.ScreenshotAsync("2-filtered-list");

        // The CSV: sorted by incidents, most first, exactly as the table shows it.
        await table.Locator("th.col-incidents .sortable-column-header").ClickAsync();
        await table.Locator("th.col-incidents .sortable-column-header").ClickAsync();
        await Assertions.Expect(table.Locator("td.col-name").First).ToHaveTextAsync("深圳市");
        var shownNames = await table.Locator("td.col-name").AllInnerTextsAsync();
        var shownIncidents = await table.Locator("td.col-incidents").AllInnerTextsAsync();

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-csv").ClickAsync());
        var bytes = await File.ReadAllBytesAsync(await download.PathAsync());

        Assert.EndsWith(".csv", download.SuggestedFilename);
        Assert.StartsWith("广东省", download.SuggestedFilename);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(',')).ToList();
        var body = lines.Skip(1).ToList();
        Assert.Equal(RegionCatalog.Load().Get(RegionCode.Parse("44")).Children.Count, body.Count);
        Assert.Equal(shownNames.Select(n => n.Trim()), body.Select(l => l[0]));
        Assert.Equal(shownIncidents.Select(n => n.Trim()), body.Select(l => l[1]));
        Assert.Equal(["深圳市", inShenzhen.Count.ToString(CultureInfo.InvariantCulture)], body[0][..2]);
        Assert.Equal(inShenzhen.Sum(r => r.Loss), decimal.Parse(body[0][2], CultureInfo.InvariantCulture));
        Assert.Equal(["广州市", inGuangzhou.Count.ToString(CultureInfo.InvariantCulture)], body[1][..2]);

        // The light theme keeps everything readable.
        await page.GetByTestId("theme-toggle").ClickAsync();
        await Assertions.Expect(page.Locator("main[data-theme=light]")).ToBeAttachedAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Browser.ScreenshotFolder, "RegionAnalysis-full-page-light.png"), FullPage = true });
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await browserPage.ScreenshotAsync("3-light");
    }

    [Fact]
    public async Task A_county_in_English_lists_its_own_incidents_under_the_county_note_and_says_when_a_filter_matches_nothing()
    {
        var shenzhen = await _app.CentreAsync("4403", "深圳市反诈中心");
        var here = await ReportAsync(shenzhen, "440305", Today(0), 3_000m, "FakeShopping");
        var elsewhere = await ReportAsync(shenzhen, "440304", Today(1), 4_000m, "FakeShopping");
        await _app.WaitForRollUpsAsync();

        await using var browserPage = await browser.OpenAsync(_app, "regions/440305", locale: "en");
        var page = browserPage.Page;
        await browserPage.WaitForCircuitAsync();
        await WaitForFiguresAsync(page);
        await WaitForIncidentsAsync(page);

        await Assertions.Expect(page.GetByTestId("county-note")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-figure=Incidents] [data-testid=figure-value]")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("tr.incident-row")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator($"tr.incident-row[data-id='{here.Id}']")).ToContainTextAsync("Fake shopping");
        await Assertions.Expect(page.Locator($"tr.incident-row[data-id='{elsewhere.Id}']")).ToHaveCountAsync(0);

        await page.GetByTestId("filter-min-loss").FillAsync((here.Loss + 1).ToString(CultureInfo.InvariantCulture));
        await page.GetByTestId("filter-min-loss").PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("incidents-empty")).ToContainTextAsync("No incident matches the filters");
        await Assertions.Expect(page.Locator("tr.incident-row")).ToHaveCountAsync(0);

        // A neighbouring county where nothing was reported says so, in the figures and in the list.
        await page.GotoAsync("regions/440306");
        await browserPage.WaitForCircuitAsync();
        await WaitForFiguresAsync(page);
        await WaitForIncidentsAsync(page);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Bao'an District");
        await Assertions.Expect(page.GetByTestId("figures-empty")).ToContainTextAsync("Nothing was reported");
        await Assertions.Expect(page.GetByTestId("incidents-empty")).ToContainTextAsync("No incident was reported");
    }

    [Fact]
    public async Task A_range_in_the_address_is_kept_when_drilling_down_and_a_quick_range_puts_the_page_back_on_this_month()
    {
        var shenzhen = await _app.CentreAsync("4403", "深圳市反诈中心");
        var today = ChinaTime.DayOf(DateTimeOffset.UtcNow);
        var monthAgo = today.AddMonths(-1);
        Reported[] reports =
        [
            await ReportAsync(shenzhen, "440303", At(monthAgo, 0, 30), 6_000m, "Loan"),
            await ReportAsync(shenzhen, "440305", Today(0), 9_000m, "Loan"),
        ];
        await _app.WaitForRollUpsAsync();
        var iso = AntiFraud.Dashboard.Features.Regions.AnalysisPeriod.Iso(monthAgo);

        await using var browserPage = await browser.OpenAsync(_app, $"regions/440000?from={iso}&to={iso}");
        var page = browserPage.Page;
        await browserPage.WaitForCircuitAsync();
        await WaitForFiguresAsync(page);
        var onThatDay = reports.Count(r => ChinaTime.DayOf(r.At) == monthAgo);
        await Assertions.Expect(page.Locator("[data-figure=Incidents] [data-testid=figure-value]")).ToHaveTextAsync(onThatDay.ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(page.GetByTestId("range-compared")).ToContainTextAsync($"{iso} 至 {iso}");

        await page.Locator("a.region-link[data-code='440300']").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("深圳市");
        Assert.EndsWith($"/regions/440300?from={iso}&to={iso}", page.Url);
        await WaitForFiguresAsync(page);
        await Assertions.Expect(page.GetByTestId("child-table").Locator("tr:has(a[data-code='440303']) td.col-incidents")).ToHaveTextAsync(onThatDay.ToString(CultureInfo.InvariantCulture));

        await page.GetByRole(AriaRole.Button, new() { Name = "本月至今" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("figures")).ToHaveAttributeAsync("data-period", new System.Text.RegularExpressions.Regex($"^{today:yyyy-MM}-01\\.\\.{today:yyyy-MM-dd}$"));
        await WaitForFiguresAsync(page);
        Assert.EndsWith("/regions/440300", page.Url);
        var thisMonth = reports.Count(r => ChinaTime.DayOf(r.At) >= new DateOnly(today.Year, today.Month, 1));
        await Assertions.Expect(page.Locator("[data-figure=Incidents] [data-testid=figure-value]")).ToHaveTextAsync(thisMonth.ToString(CultureInfo.InvariantCulture));
    }
}
