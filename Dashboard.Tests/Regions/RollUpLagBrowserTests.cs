using System.Text.RegularExpressions;
using AntiFraud.Dashboard.Tests.Harness;
using AntiFraud.Domain.Common;
using JasperFx.Events.Daemon;
using Microsoft.Playwright;
using static AntiFraud.Dashboard.Tests.Harness.Ingestion;

namespace AntiFraud.Dashboard.Tests.Regions;

/// <summary>
/// The figures come from roll-ups the projection daemon writes after the events are stored. While it is held up (here: paused,
/// as when history is being filled on a first start or the daemon's node has gone), the region page and the wall say their
/// figures are behind, and once it catches up the region page shows the full figures without being reloaded.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RollUpLagBrowserTests(Browser browser) : IAsyncLifetime
{
    private AppHost _app = null!;

    public async Task InitializeAsync() => _app = await AppHost.StartAsync(kestrel: true);
    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Figures_behind_the_reports_say_so_and_the_region_page_fills_in_once_they_are_counted()
    {
        var guangdong = await _app.CentreAsync("44", "广东省反诈中心");
        var daemon = _app.Services.GetRequiredService<IProjectionCoordinator>();
        await daemon.PauseAsync();
        var earlier = EarlierToday(TimeSpan.FromMinutes(20));
        foreach (var county in new[] { "440305", "440304", "440106" })
            await guangdong.Http.CreateAsync("/api/v1/incidents", Incident(NewExternalId("lag"), county, earlier));

        await using var regionPage = await browser.OpenAsync(_app, "regions/440000", locale: "zh-CN");
        await regionPage.WaitForCircuitAsync();
        await using var wall = await browser.OpenAsync(_app, "live/440000", locale: "zh-CN");
        await wall.WaitForCircuitAsync();
        var page = regionPage.Page;
        var incidents = page.Locator("[data-figure=Incidents] [data-testid=figure-value]");

        // The list already holds the three; the figures do not yet, and both screens say why. (The events waiting are the three
        // reports and whatever else was stored meanwhile, such as the sign-ins' audit entries.)
        await Assertions.Expect(page.GetByTestId("figures-catching-up")).ToContainTextAsync(new Regex(@"还有 \d+ 条事件（上报、处置等）尚未计入"), new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("incident-list").Locator("tr.incident-row")).ToHaveCountAsync(3);
        await Assertions.Expect(incidents).ToHaveTextAsync("0");
        await Assertions.Expect(wall.Page.GetByTestId("catching-up")).ToHaveTextAsync(new Regex(@"^统计汇总中：\d+ 条事件尚未计入$"), new() { Timeout = 30_000 });
        await regionPage.ScreenshotAsync("catching-up");

        await daemon.ResumeAsync();

        await Assertions.Expect(page.GetByTestId("figures-catching-up")).ToHaveCountAsync(0, new() { Timeout = 30_000 });
        await Assertions.Expect(incidents).ToHaveTextAsync("3", new() { Timeout = 30_000 });
        await Assertions.Expect(wall.Page.GetByTestId("catching-up")).ToHaveCountAsync(0, new() { Timeout = 30_000 });
    }
}
