using AntiFraud.Dashboard.Tests.Harness;
using AntiFraud.Domain.Access;
using Microsoft.AspNetCore.Identity;
using Microsoft.Playwright;

namespace AntiFraud.Dashboard.Tests.Access;

/// <summary>An open screen does not outlive its person's account: a change to the account ends the screen's sign-in by itself.</summary>
[Collection(BrowserCollection.Name)]
public sealed class OpenScreenRevalidationTests(Browser browser)
{
    [Fact]
    public async Task A_wall_screen_left_open_goes_to_the_sign_in_page_when_the_account_is_locked()
    {
        // Re-checked every 2 s here instead of every minute.
        await using var app = await AppHost.StartAsync(kestrel: true, settings: new Dictionary<string, string?> { ["Access:RevalidateSeconds"] = "2" });
        var officer = await app.CreateUserAsync("night-watch", "440300", AccessRole.DutyOfficer);
        await using var wall = await browser.OpenAsync(app, "live/440300", user: officer);
        await wall.WaitForCircuitAsync();

        // An administrator locks the account (or resets its password, or changes its roles: each changes the account's stamp).
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
            var account = await users.FindByNameAsync(officer.Name);
            Assert.True((await users.SetLockoutEndDateAsync(account!, DateTimeOffset.UtcNow.AddHours(1))).Succeeded);
        }

        await wall.Page.WaitForURLAsync(url => url.Contains("/account/signin", StringComparison.Ordinal), new PageWaitForURLOptions { Timeout = 30_000 });
        await wall.Page.Locator("#username").WaitForAsync();
        // The old cookie does not open the wall again either.
        await wall.Page.GotoAsync("live/440300");
        await wall.Page.WaitForURLAsync(url => url.Contains("/account/signin", StringComparison.Ordinal));
    }
}
