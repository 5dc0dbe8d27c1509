using System.Net;
using AntiFraud.Dashboard.Hosting;
using AntiFraud.Dashboard.Tests.Harness;
using Microsoft.Playwright;

namespace AntiFraud.Dashboard.Tests.Access;

/// <summary>The Content-Security-Policy is sent, and the screens work under it: the browser reports no violation.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SecurityHeadersTests(Browser browser) : IAsyncLifetime
{
    private AppHost _app = null!;

    public async Task InitializeAsync() => _app = await AppHost.StartAsync(kestrel: true);
    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Pages_carry_the_policy_and_hardening_headers()
    {
        using var http = new HttpClient { BaseAddress = _app.Address };
        var response = await http.GetAsync("account/signin");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The framework adds its own frame-ancestors policy beside ours; browsers enforce both.
        Assert.Contains(AccessHosting.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy"));
        Assert.Equal(["nosniff"], response.Headers.GetValues("X-Content-Type-Options").Distinct());
        Assert.Contains("frame-ancestors 'none'", AccessHosting.ContentSecurityPolicy);
    }

    [Theory]
    [InlineData("live/000000")]
    [InlineData("regions/440000")]
    [InlineData("cards")]
    public async Task The_screens_run_under_the_policy_without_a_single_violation(string path)
    {
        var violations = new List<string>();
        await using var tab = await browser.OpenAsync(_app, "account/signin", signedIn: false);
        tab.Page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) violations.Add(message.Text);
        };
        await Browser.SignInAsync(tab.Page, TestUsers.National, path);
        await tab.WaitForCircuitAsync();
        await Assertions.Expect(tab.Page.Locator("h1").First).ToBeVisibleAsync();

        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }
}
