using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace AntiFraud.Benchmarks.Server;

/// <summary>Signed-in Chromium wall screens on the Dashboard under test, shared by the suites that open them.</summary>
public static class WallScreens
{
    /// <summary>Debian's Chromium (or <c>CHROMIUM_PATH</c>), headless, without background traffic of its own.</summary>
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                // A screen in a background tab must keep rendering as a wall does.
                "--disable-background-timer-throttling", "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows"],
        });

    public static Task<IBrowserContext> NewContextAsync(IBrowser browser, DashboardServer server) =>
        browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.Address.ToString(), Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 1920, Height = 1080 },
        });

    /// <summary>A duty officer for the nation, created with the Dashboard's own command; returns the one-time password it printed.</summary>
    public static async Task<string> CreateUserAsync(DashboardServer server, string name)
    {
        var printed = await server.RunCommandAsync(TimeSpan.FromMinutes(2), "user", "create", "--name", name, "--role", "DutyOfficer", "--region", "000000");
        var lines = printed.Split('\n').Select(l => l.Trim()).ToList();
        var marker = lines.FindIndex(l => l.EndsWith("One-time password:", StringComparison.Ordinal));
        return marker >= 0 && marker + 1 < lines.Count ? lines[marker + 1] : throw new InvalidOperationException("user create printed no password: " + printed);
    }

    /// <summary>Signs in through the sign-in form as a person would and lands on <paramref name="path"/> (as the tests' browser harness does).</summary>
    public static async Task SignInAsync(IPage page, string user, string password, string path)
    {
        await page.GotoAsync("account/signin?returnUrl=" + Uri.EscapeDataString("/" + path));
        await page.Locator("#username").FillAsync(user);
        await page.Locator("#password").FillAsync(password);
        await page.GetByTestId("signin-submit").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/signin", StringComparison.Ordinal));
    }

    /// <summary>Opens <c>/live/{region}</c> in a new page of a signed-in context and waits until its circuit is interactive.</summary>
    public static async Task<IPage> OpenAsync(IBrowserContext context, string region, float timeoutMs = 60_000)
    {
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(timeoutMs);
        await page.GotoAsync($"live/{region}");
        await page.Locator("main[data-circuit=ready]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        return page;
    }

    /// <summary>How many of the pages show the connection state "live".</summary>
    public static async Task<int> LiveCountAsync(IEnumerable<IPage> pages)
    {
        var live = 0;
        foreach (var page in pages)
        {
            try
            {
                var classes = await page.GetByTestId("connection").GetAttributeAsync("class", new LocatorGetAttributeOptions { Timeout = 5_000 }) ?? "";
                if (Regex.IsMatch(classes, "\\blive\\b")) live++;
            }
            catch (Exception e) when (e is TimeoutException or PlaywrightException) { }
        }
        return live;
    }
}
