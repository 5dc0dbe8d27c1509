using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AntiFraud.Dashboard.Tests.Harness;
using Microsoft.Playwright;

namespace AntiFraud.Dashboard.Tests.Live;

[Collection(BrowserCollection.Name)]
public sealed class WallScreenBrowserTests(Browser browser) : IAsyncLifetime
{
    private AppHost _app = null!;

    public async Task InitializeAsync() => _app = await AppHost.StartAsync(kestrel: true);
    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<Guid> ReportAsync(ReportingCentreClient centre, string county, decimal loss)
    {
        var response = await centre.Http.PostAsJsonAsync("/api/v1/incidents", Ingestion.Incident(Ingestion.NewExternalId("wall"), county,
            occurredAt: Ingestion.EarlierToday(TimeSpan.FromHours(2)), lossAmount: loss));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task An_incident_posted_through_the_API_appears_live_on_the_national_and_the_provincial_wall()
    {
        var guangdong = await _app.CentreAsync("44", "广东省反诈中心");
        await using var national = await browser.OpenAsync(_app, "live/000000");
        await using var provincial = await browser.OpenAsync(_app, "live/440000");
        await national.WaitForCircuitAsync();
        await provincial.WaitForCircuitAsync();
        await Assertions.Expect(national.Page.GetByTestId("connection")).ToHaveTextAsync("实时");

        var id = await ReportAsync(guangdong, "440305", 88_000m);

        foreach (var wall in new[] { national, provincial })
        {
            var line = wall.Page.Locator($".ticker-item[data-id='{id}']");
            await Assertions.Expect(line).ToBeVisibleAsync();
            await Assertions.Expect(line).ToContainTextAsync("南山区");
            await Assertions.Expect(line).ToContainTextAsync("8.8万元");
        }
        // The figures follow through the roll-up: today's incident count on the provincial wall reaches one.
        await Assertions.Expect(provincial.Page.Locator("[data-kpi=Incidents] [data-testid=kpi-value]")).ToHaveTextAsync("1", new() { Timeout = 20_000 });
        await Assertions.Expect(provincial.Page.Locator("a.region-link[data-code='440300'] path.region")).Not.ToHaveAttributeAsync("fill", "#3a4556");
        // The charts are drawn, and the fraud-type donut is redrawn in place with the new figures: one type, one slice.
        await Assertions.Expect(provincial.Page.Locator(".apex-chart[data-kind=line] svg.apexcharts-svg")).ToBeVisibleAsync();
        await Assertions.Expect(provincial.Page.Locator(".apex-chart[data-kind=donut] path.apexcharts-pie-area")).ToHaveCountAsync(1, new() { Timeout = 20_000 });
        // The hour and 30-day charts were drawn with nothing in them; redrawn in place, today's line rises where the incident is.
        await provincial.Page.WaitForFunctionAsync(RisesAbove, "line path.apexcharts-line", new() { Timeout = 20_000 });
        await provincial.Page.WaitForFunctionAsync(RisesAbove, "area path.apexcharts-area", new() { Timeout = 20_000 });
    }

    /// <summary>True once the first series drawn in the chart of the given kind is taller than a flat line.</summary>
    private const string RisesAbove = """
        selector => {
          const [kind, path] = selector.split(' ');
          const drawn = document.querySelector(`.apex-chart[data-kind=${kind}] ${path}`);
          return !!drawn && drawn.getBBox().height > 1;
        }
        """;

    [Fact]
    public async Task An_incident_in_another_province_does_not_appear_on_a_provincial_wall()
    {
        var sichuan = await _app.CentreAsync("51", "四川省反诈中心");
        var guangdong = await _app.CentreAsync("44", "广东省反诈中心");
        await using var provincial = await browser.OpenAsync(_app, "live/440000");
        await provincial.WaitForCircuitAsync();

        var elsewhere = await ReportAsync(sichuan, "510104", 1_000m);
        var here = await ReportAsync(guangdong, "440106", 2_000m);

        await Assertions.Expect(provincial.Page.Locator($".ticker-item[data-id='{here}']")).ToBeVisibleAsync();
        await Assertions.Expect(provincial.Page.Locator($".ticker-item[data-id='{elsewhere}']")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_wall_fits_a_4K_screen_without_scrolling_and_kiosk_mode_hides_all_chrome()
    {
        var guangdong = await _app.CentreAsync("44");
        foreach (var county in new[] { "440305", "440106", "440104", "441302" }) await ReportAsync(guangdong, county, 50_000m);

        await using var wall = await browser.OpenAsync(_app, "live/440000?kiosk=1", width: 3840, height: 2160);
        await wall.WaitForCircuitAsync();
        await Assertions.Expect(wall.Page.Locator(".ticker-item")).ToHaveCountAsync(4);
        await Assertions.Expect(wall.Page.Locator(".wall-nav")).ToHaveCountAsync(0);
        await Assertions.Expect(wall.Page.Locator(".mud-appbar")).ToHaveCountAsync(0);

        var overflow = await wall.Page.EvaluateAsync<bool>("() => document.documentElement.scrollHeight > window.innerHeight + 1 || document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, "the wall scrolls at 3840x2160");

        await using var fullHd = await browser.OpenAsync(_app, "live/440000", width: 1920, height: 1080);
        await fullHd.WaitForCircuitAsync();
        await Assertions.Expect(fullHd.Page.Locator(".ticker-item")).ToHaveCountAsync(4);
        var overflowHd = await fullHd.Page.EvaluateAsync<bool>("() => document.documentElement.scrollHeight > window.innerHeight + 1 || document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflowHd, "the wall scrolls at 1920x1080");
    }

    [Fact]
    public async Task The_wall_switches_to_English()
    {
        await using var wall = await browser.OpenAsync(_app, "live/000000", locale: "en");
        await wall.WaitForCircuitAsync();

        await Assertions.Expect(wall.Page.Locator("[data-kpi=Incidents] .kpi-label")).ToHaveTextAsync("Incidents today");
        await Assertions.Expect(wall.Page.Locator(".wall-title")).ToContainTextAsync("China");
        await Assertions.Expect(wall.Page.GetByTestId("ticker-empty")).ToContainTextAsync("Nothing reported yet today");
    }
}
