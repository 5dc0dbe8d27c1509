using System.Runtime.CompilerServices;
using Microsoft.Playwright;

namespace AntiFraud.Dashboard.Tests.Harness;

/// <summary>
/// Debian's Chromium driven by Playwright, one browser per test collection.
/// Each page saves a screenshot of where it ended under the test output (screenshots/), pass or fail.
/// </summary>
public sealed class Browser : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"Browser tests need Debian's Chromium at {ChromiumPath}: apt-get install -y chromium (.ci/run does this).");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>
    /// A fresh context and page on <paramref name="app"/>, signed in as <paramref name="user"/> (the national centre by default;
    /// null for nobody); the screenshot is named after the calling test.
    /// </summary>
    public Task<BrowserPage> OpenAsync(AppHost app, string path = "", int width = 1920, int height = 1080,
        string locale = "zh-CN", TestUser? user = null, bool signedIn = true, [CallerMemberName] string testName = "") =>
        OpenAsync(app.Address!, path, width, height, locale, signedIn ? user ?? TestUsers.National : null, testName);

    /// <summary>A fresh context and page on any running node, signed in as <paramref name="user"/> when given.</summary>
    public async Task<BrowserPage> OpenAsync(Uri address, string path, int width, int height, string locale, TestUser? user,
        [CallerMemberName] string testName = "")
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = address.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = locale,
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = locale },
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        if (user is not null) await SignInAsync(page, user, path);
        else await page.GotoAsync(path);
        return new BrowserPage(context, page, $"{testName}-{width}x{height}");
    }

    /// <summary>Signs in through the sign-in page, as a person would, and lands on <paramref name="path"/>.</summary>
    public static async Task SignInAsync(IPage page, TestUser user, string path)
    {
        var target = "/" + path.TrimStart('/');
        await page.GotoAsync("account/signin?returnUrl=" + Uri.EscapeDataString(target));
        await page.Locator("#username").FillAsync(user.Name);
        await page.Locator("#password").FillAsync(user.Password);
        await page.GetByTestId("signin-submit").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/signin", StringComparison.Ordinal));
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
    }
}

public sealed class BrowserPage(IBrowserContext context, IPage page, string name) : IAsyncDisposable
{
    public IPage Page { get; } = page;

    /// <summary>Waits until the Blazor circuit is live (the layout marks itself after its first interactive render).</summary>
    public Task WaitForCircuitAsync() =>
        Page.Locator("main[data-circuit=ready]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });

    public Task ScreenshotAsync(string suffix) => SaveAsync($"{name}-{suffix}");

    public async ValueTask DisposeAsync()
    {
        try { await SaveAsync(name); }
        finally { await context.DisposeAsync(); }
    }

    private async Task SaveAsync(string file)
    {
        Directory.CreateDirectory(Browser.ScreenshotFolder);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Browser.ScreenshotFolder, file + ".png") });
    }
}
