using AntiFraud.Dashboard.Tests.Harness;
using Microsoft.Playwright;
using static AntiFraud.Dashboard.Tests.Harness.Ingestion;

namespace AntiFraud.Dashboard.Tests.Reliability;

/// <summary>Markup and script sent in a report's text are stored as sent and shown as text on every screen that shows them.</summary>
[Collection(BrowserCollection.Name)]
public sealed class MarkupAsTextTests(Browser browser)
{
    private const string Summary = "<script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned = 2\"><b>加粗</b>' OR 1=1 --";

    [Fact]
    public async Task Script_and_markup_in_a_report_show_as_text_on_the_incident_region_and_wall_screens()
    {
        await using var app = await AppHost.StartAsync(kestrel: true);
        var centre = await app.CentreAsync("440000");
        var externalId = $"<i>{Guid.NewGuid():N}"[..20] + "</i>";
        var report = Incident(externalId, occurredAt: Ago(TimeSpan.FromMinutes(20)));
        report["summary"] = Summary;
        var id = await centre.Http.CreateAsync("/api/v1/incidents", report);
        Assert.Equal(Summary, (await centre.Http.GetIncidentAsync(id))["summary"]!.GetValue<string>());

        await using (var incident = await browser.OpenAsync(app, $"incidents/{id}"))
        {
            await incident.WaitForCircuitAsync();
            await incident.Page.GetByText(Summary).WaitForAsync();
            await incident.Page.GetByText(externalId).First.WaitForAsync();
            await AssertNothingRanAsync(incident.Page);
        }
        foreach (var path in new[] { "regions/440305", "live/440000" })
        {
            await using var screen = await browser.OpenAsync(app, path);
            await screen.WaitForCircuitAsync();
            await AssertNothingRanAsync(screen.Page);
        }
    }

    private static async Task AssertNothingRanAsync(IPage page)
    {
        Assert.True(await page.EvaluateAsync<bool>("() => window.__pwned === undefined"), "A script from the report ran.");
        Assert.Equal(0, await page.Locator("img[src=x]").CountAsync());
        Assert.Equal(0, await page.Locator("main b:text-is('加粗')").CountAsync());
    }
}
