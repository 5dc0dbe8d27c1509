using AntiFraud.Dashboard.Tests.Harness;
using Microsoft.Playwright;

namespace AntiFraud.Dashboard.Tests.Shell;

[Collection(BrowserCollection.Name)]
public sealed class HomePageBrowserTests(Browser browser) : IAsyncLifetime
{
    private AppHost _app = null!;

    public async Task InitializeAsync() => _app = await AppHost.StartAsync(kestrel: true);
    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Home_page_opens_in_the_browsers_language_and_switches_to_English_and_back()
    {
        await using var browserPage = await browser.OpenAsync(_app, locale: "zh-CN");
        var page = browserPage.Page;
        await browserPage.WaitForCircuitAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("电信网络诈骗防范指挥中心");
        await Assertions.Expect(page).ToHaveTitleAsync("反诈指挥中心");
        await browserPage.ScreenshotAsync("zh");

        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Telecom and network fraud command centre");
        await browserPage.WaitForCircuitAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");

        await page.GetByRole(AriaRole.Button, new() { Name = "简体中文" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("电信网络诈骗防范指挥中心");
    }

    [Fact]
    public async Task An_unknown_address_shows_a_page_that_says_so()
    {
        await using var browserPage = await browser.OpenAsync(_app, "no/such/page", locale: "en");

        await Assertions.Expect(browserPage.Page.Locator("h1")).ToHaveTextAsync("Page not found");
    }
}
