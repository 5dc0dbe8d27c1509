using System.Text.RegularExpressions;
using AntiFraud.Dashboard.Tests.Harness;
using Microsoft.Playwright;

namespace AntiFraud.Dashboard.Tests.Incidents;

/// <summary>A commander on the incident page in a real browser, on an incident reported through the API.</summary>
[Collection(BrowserCollection.Name)]
public sealed class IncidentPageBrowserTests(Browser browser) : IAsyncLifetime
{
    private AppHost _app = null!;

    public async Task InitializeAsync() => _app = await AppHost.StartAsync(kestrel: true);
    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<Guid> ReportAsync(decimal loss, string? summary = null)
    {
        var guangdong = await _app.CentreAsync("44", "广东省反诈中心");
        var body = Ingestion.Incident(Ingestion.NewExternalId("page"), "440305", lossAmount: loss);
        if (summary is not null) body["summary"] = summary;
        return await guangdong.Http.CreateAsync("/api/v1/incidents", body);
    }

    private static ILocator Dialog(IPage page) => page.GetByTestId("action-form");
    private static ILocator Timeline(IPage page) => page.GetByTestId("timeline-item");

    /// <summary>Opens an action, types into its one field and submits.</summary>
    private static async Task ActAsync(IPage page, string action, string field, string value)
    {
        await page.Locator($"button[data-action={action}]").ClickAsync();
        await Assertions.Expect(Dialog(page)).ToBeVisibleAsync();
        await Dialog(page).GetByTestId(field).FillAsync(value);
        await page.GetByTestId("action-submit").ClickAsync();
    }

    [Fact]
    public async Task A_commander_freezes_funds_is_refused_returning_more_than_frozen_then_files_and_solves_and_the_timeline_shows_each_step()
    {
        var id = await ReportAsync(loss: 20_000m);
        await using var browserPage = await browser.OpenAsync(_app, $"incidents/{id}");
        var page = browserPage.Page;
        await browserPage.WaitForCircuitAsync();

        // Where it happened, with the way back to its regions and walls.
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("南山区");
        await Assertions.Expect(page.GetByTestId("fact-place")).ToHaveTextAsync(new Regex("广东省.*深圳市.*南山区"));
        var breadcrumb = page.GetByTestId("breadcrumb");
        await Assertions.Expect(breadcrumb.GetByRole(AriaRole.Link, new() { Name = "广东省" })).ToHaveAttributeAsync("href", "regions/440000");
        await Assertions.Expect(breadcrumb.GetByRole(AriaRole.Link, new() { Name = "深圳市" })).ToHaveAttributeAsync("href", "regions/440300");
        await Assertions.Expect(breadcrumb.GetByRole(AriaRole.Link, new() { Name = "南山区" })).ToHaveAttributeAsync("href", "regions/440305");
        await Assertions.Expect(page.Locator("a[href='live/440305']")).ToBeVisibleAsync();
        await Assertions.Expect(Timeline(page)).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("button[data-action=SolveCase]")).ToBeDisabledAsync();
        await Assertions.Expect(page.Locator("button[data-action=ReturnFunds]")).ToBeDisabledAsync();

        // Pointing at a disabled action says why it cannot apply.
        var solve = page.Locator("button[data-action=SolveCase]");
        var why = await page.Locator($"#{await solve.GetAttributeAsync("aria-describedby")}").TextContentAsync();
        Assert.False(string.IsNullOrWhiteSpace(why));
        await solve.HoverAsync(new() { Force = true });
        await Assertions.Expect(page.Locator(".mud-tooltip").Filter(new() { HasText = why!.Trim() })).ToBeVisibleAsync();
        await browserPage.ScreenshotAsync("1-reported");
        await page.Mouse.MoveAsync(0, 0);

        // Freeze 8,000 of the 20,000 lost.
        await ActAsync(page, "FreezeFunds", "field-amount", "8000");
        await Assertions.Expect(Dialog(page)).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToBeVisibleAsync();
        await Assertions.Expect(Timeline(page)).ToHaveCountAsync(2);
        await Assertions.Expect(Timeline(page).Last).ToContainTextAsync("8,000.00");
        var frozen = page.Locator("[data-stage=Frozen]");
        await Assertions.Expect(frozen.GetByTestId("money-amount")).ToContainTextAsync("8,000.00");
        await Assertions.Expect(frozen.GetByTestId("money-percent")).ToContainTextAsync($"{8_000m / 20_000m * 100:0}");

        // Returning 9,000 of the 8,000 frozen is refused, in Chinese, and nothing changes.
        await ActAsync(page, "ReturnFunds", "field-amount", "9000");
        var refusal = page.GetByTestId("action-refusal");
        await Assertions.Expect(refusal).ToBeVisibleAsync();
        await Assertions.Expect(refusal).ToContainTextAsync("9,000.00");
        await Assertions.Expect(refusal).ToContainTextAsync("8,000.00");
        await Assertions.Expect(refusal).Not.ToContainTextAsync("Returning");
        await Assertions.Expect(Dialog(page)).ToBeVisibleAsync();
        await browserPage.ScreenshotAsync("2-refused");
        await page.GetByTestId("action-cancel").ClickAsync();
        await Assertions.Expect(Dialog(page)).ToBeHiddenAsync();
        await Assertions.Expect(Timeline(page)).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("[data-stage=Returned]").GetByTestId("money-amount")).Not.ToContainTextAsync("9,000");

        // File with a case number, then solve with two arrests.
        const string caseNumber = "深南公(刑)立字〔2026〕0457号";
        await ActAsync(page, "FileCase", "field-case-number", caseNumber);
        await Assertions.Expect(page.GetByTestId("status")).ToHaveAttributeAsync("data-status", "Filed");
        await Assertions.Expect(page.GetByTestId("fact-case-number")).ToHaveTextAsync(caseNumber);
        await Assertions.Expect(page.Locator("button[data-action=FileCase]")).ToBeDisabledAsync();

        await ActAsync(page, "SolveCase", "field-arrests", "2");
        await Assertions.Expect(page.GetByTestId("status")).ToHaveAttributeAsync("data-status", "Solved");
        await Assertions.Expect(page.Locator("button[data-action=SolveCase]")).ToBeDisabledAsync();

        // The history, in order: reported, frozen, filed, solved, each with its time and the centre that recorded it.
        await Assertions.Expect(Timeline(page)).ToHaveCountAsync(4);
        var types = await Timeline(page).EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.type)");
        Assert.Equal(["Reported", "FundsFrozen", "CaseFiled", "CaseSolved"], types);
        await Assertions.Expect(Timeline(page).Nth(2)).ToContainTextAsync(caseNumber);
        await Assertions.Expect(Timeline(page).Nth(3)).ToContainTextAsync("2");
        foreach (var item in await Timeline(page).AllAsync())
            await Assertions.Expect(item.Locator("time")).ToHaveTextAsync(new Regex(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$"));
        await Assertions.Expect(Timeline(page).First).ToContainTextAsync("广东省");
        await Assertions.Expect(Timeline(page).Last).ToContainTextAsync("全国");
    }

    [Fact]
    public async Task A_summary_with_markup_from_an_outside_system_shows_as_literal_text()
    {
        const string summary = "<script>window.__injected = true</script><b>加粗</b> 受害人被诱导在虚假平台充值 & 转账";
        var id = await ReportAsync(loss: 3_000m, summary);

        await using var browserPage = await browser.OpenAsync(_app, $"incidents/{id}");
        var page = browserPage.Page;
        await browserPage.WaitForCircuitAsync();

        var shown = page.GetByTestId("fact-summary");
        await Assertions.Expect(shown).ToHaveTextAsync(summary);
        await Assertions.Expect(shown.Locator("b")).ToHaveCountAsync(0);
        await Assertions.Expect(shown.Locator("script")).ToHaveCountAsync(0);
        Assert.False(await page.EvaluateAsync<bool>("() => window.__injected === true"));
    }

    [Fact]
    public async Task The_page_reads_well_in_English_on_the_light_theme()
    {
        var id = await ReportAsync(loss: 50_000m);
        await using var browserPage = await browser.OpenAsync(_app, $"incidents/{id}", locale: "en");
        var page = browserPage.Page;
        await browserPage.WaitForCircuitAsync();
        await ActAsync(page, "RequestStopPayment", "field-amount", "30000");
        await Assertions.Expect(Timeline(page)).ToHaveCountAsync(2);
        await ActAsync(page, "FreezeFunds", "field-amount", "20000");
        await Assertions.Expect(Timeline(page)).ToHaveCountAsync(3);
        await ActAsync(page, "ReturnFunds", "field-amount", "12,500.50");
        await Assertions.Expect(Timeline(page)).ToHaveCountAsync(4);

        await page.GetByTestId("theme-toggle").ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToHaveAttributeAsync("data-theme", "light");

        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Assertions.Expect(page.GetByTestId("money-path")).Not.ToContainTextAsync("元");
        await Assertions.Expect(page.Locator("[data-stage=Returned]").GetByTestId("money-amount")).ToContainTextAsync("12,500.50");
        var text = await page.Locator("main").InnerTextAsync();
        Assert.DoesNotMatch(@"Incident\.[A-Z]", text);
    }

    [Fact]
    public async Task From_the_keyboard_a_commander_freezes_funds_escalates_to_the_city_and_closes_after_which_nothing_more_can_be_recorded()
    {
        var id = await ReportAsync(loss: 10_000m);
        await using var browserPage = await browser.OpenAsync(_app, $"incidents/{id}");
        var page = browserPage.Page;
        await browserPage.WaitForCircuitAsync();

        // Keyboard only: the action opens with Enter, its field has the focus, Enter submits.
        await page.Locator("button[data-action=FreezeFunds]").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(Dialog(page).GetByTestId("field-amount")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("2500");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(Dialog(page)).ToBeHiddenAsync();
        await Assertions.Expect(Timeline(page)).ToHaveCountAsync(2);

        // The county handles it: the city, the province and the nation are offered.
        await page.Locator("button[data-action=Escalate]").ClickAsync();
        await Assertions.Expect(Dialog(page).Locator("[data-code]")).ToHaveCountAsync(3);
        await Dialog(page).GetByText("深圳市").ClickAsync();
        await Dialog(page).GetByTestId("field-reason").FillAsync("跨区县团伙作案");
        await browserPage.ScreenshotAsync("1-escalating");
        await page.GetByTestId("action-submit").ClickAsync();
        await Assertions.Expect(Dialog(page)).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByTestId("fact-handling")).ToContainTextAsync("深圳市");
        await Assertions.Expect(Timeline(page).Last).ToContainTextAsync("跨区县团伙作案");

        // Now only the province and the nation are above it.
        await page.Locator("button[data-action=Escalate]").ClickAsync();
        await Assertions.Expect(Dialog(page).Locator("[data-code]")).ToHaveCountAsync(2);
        await Assertions.Expect(Dialog(page).Locator("[data-code='440300']")).ToHaveCountAsync(0);
        // Escape acts on the focused dialog: make sure focus is inside it (under load the dialog may still be taking it).
        await Dialog(page).GetByTestId("field-reason").FocusAsync();
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(Dialog(page)).ToBeHiddenAsync();

        await page.Locator("button[data-action=Close]").ClickAsync();
        await Dialog(page).GetByTestId("field-reason").FillAsync("资金已全部追回，经核查结案");
        await page.GetByTestId("action-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("status")).ToHaveAttributeAsync("data-status", "Closed");
        await Assertions.Expect(page.GetByTestId("closed-note")).ToBeVisibleAsync();
        foreach (var button in await page.Locator("button[data-action]").AllAsync())
            await Assertions.Expect(button).ToBeDisabledAsync();
        await Assertions.Expect(Timeline(page)).ToHaveCountAsync(4);
    }

    [Theory]
    [InlineData("not-an-incident")]
    [InlineData("00000000-0000-0000-0000-000000000001")]
    public async Task An_address_without_an_incident_says_so(string id)
    {
        await using var browserPage = await browser.OpenAsync(_app, $"incidents/{id}");
        var page = browserPage.Page;
        await browserPage.WaitForCircuitAsync();

        await Assertions.Expect(page.GetByTestId("incident-error")).ToContainTextAsync(id);
        await Assertions.Expect(page.Locator("h1")).Not.ToBeEmptyAsync();
    }
}
