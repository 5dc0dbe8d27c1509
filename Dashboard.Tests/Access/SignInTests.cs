using System.Net;
using AntiFraud.Dashboard.Access;
using AntiFraud.Dashboard.Tests.Harness;
using AntiFraud.Domain.Access;
using Microsoft.Playwright;

namespace AntiFraud.Dashboard.Tests.Access;

/// <summary>Signing in: wrong passwords, the lockout that follows, and the audit trail of both.</summary>
public sealed class SignInTests
{
    private static async Task<string> PostSignInAsync(HttpClient http, string user, string password)
    {
        using var response = await http.PostSignInFormAsync(user, password);
        return response.StatusCode == HttpStatusCode.OK ? WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()) : $"{(int)response.StatusCode}";
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_and_every_attempt_is_in_the_audit_trail()
    {
        await using var app = await AppHost.StartAsync();
        var user = await app.CreateUserAsync("guesswork", "440300", AccessRole.DutyOfficer);
        using var http = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });

        for (var i = 0; i < 4; i++)
            Assert.Contains("用户名或密码不正确", await PostSignInAsync(http, user.Name, "Wrong-Password-1"));
        // The fifth wrong password locks the account; then even the right one is refused.
        Assert.Contains("账号已锁定 15 分钟", await PostSignInAsync(http, user.Name, "Wrong-Password-1"));
        Assert.Contains("账号已锁定 15 分钟", await PostSignInAsync(http, user.Name, user.Password));

        var trail = await app.Services.GetRequiredService<Auditor>().LatestAsync(50);
        Assert.Equal(4, trail.Count(e => e.Kind == AuditKinds.SignInFailed && e.Who == user.Name));
        Assert.Equal(2, trail.Count(e => e.Kind == AuditKinds.LockedOut && e.Who == user.Name));
        Assert.DoesNotContain(trail, e => e.Kind == AuditKinds.SignedIn && e.Who == user.Name);
    }

    [Fact]
    public async Task Guessing_fast_from_one_address_is_slowed_with_a_page_that_says_to_wait()
    {
        await using var app = await AppHost.StartAsync();
        using var http = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });

        for (var i = 0; i < 30; i++)
            Assert.Contains("用户名或密码不正确", await PostSignInAsync(http, $"guess-{i}", "Wrong-Password-1"));
        using var refused = await http.PostSignInFormAsync("guess-31", "Wrong-Password-1");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("text/html", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("try again in a minute", await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unknown_user_gets_the_same_answer_as_a_wrong_password()
    {
        await using var app = await AppHost.StartAsync();
        using var http = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });

        Assert.Contains("用户名或密码不正确", await PostSignInAsync(http, "nobody-here", "Whatever-Password-1"));
    }
}

/// <summary>A person signs in, is refused a page outside the jurisdiction, and signs out, in a real browser.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SignInBrowserTests(Browser browser) : IAsyncLifetime
{
    private AppHost _app = null!;

    public async Task InitializeAsync() => _app = await AppHost.StartAsync(kestrel: true);
    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_provincial_commander_signs_in_is_refused_another_province_and_signs_out()
    {
        var commander = await _app.CreateUserAsync("gd-duty", "440000", AccessRole.DutyOfficer, AccessRole.Commander);
        await using var tab = await browser.OpenAsync(_app, "regions", user: commander);
        var page = tab.Page;
        await tab.WaitForCircuitAsync();

        // Without a region in the address the page shows the person's own.
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("广东省");
        await Assertions.Expect(page.GetByTestId("signed-in-as")).ToHaveTextAsync("gd-duty（广东省）");

        await page.GotoAsync("regions/510000");
        await Assertions.Expect(page.GetByTestId("forbidden")).ToContainTextAsync("四川省不在您的辖区（广东省）内");
        await tab.ScreenshotAsync("refused");

        await page.GotoAsync("regions/440000");
        await tab.WaitForCircuitAsync();
        await page.GetByTestId("sign-out").ClickAsync();
        await Assertions.Expect(page.GetByTestId("signed-out")).ToBeVisibleAsync();

        await page.GotoAsync("regions/440000");
        await Assertions.Expect(page.Locator("#username")).ToBeVisibleAsync();
        var trail = await _app.Services.GetRequiredService<Auditor>().LatestAsync(20);
        Assert.Contains(trail, e => e.Kind == AuditKinds.SignedIn && e.Who == "gd-duty" && e.From == "127.0.0.1");
        Assert.Contains(trail, e => e.Kind == AuditKinds.SignedOut && e.Who == "gd-duty");
    }

    [Fact]
    public async Task The_sign_in_page_speaks_English_when_asked_and_explains_a_wrong_password()
    {
        await using var tab = await browser.OpenAsync(_app, "account/signin", locale: "en", signedIn: false);
        var page = tab.Page;
        await page.Locator("#username").FillAsync("national-admin");
        await page.Locator("#password").FillAsync("not-the-password");
        await page.GetByTestId("signin-submit").ClickAsync();

        await Assertions.Expect(page.GetByTestId("signin-error")).ToHaveTextAsync("The user name or password is not right.");
        await Assertions.Expect(page.Locator("label[for=username]")).ToHaveTextAsync("User name");
    }
}
