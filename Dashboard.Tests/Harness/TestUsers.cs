using System.Net;
using System.Text.RegularExpressions;
using AntiFraud.Domain.Access;
using Microsoft.AspNetCore.Mvc.Testing;
using AntiFraud.Domain.Regions;
using Microsoft.AspNetCore.Identity;

namespace AntiFraud.Dashboard.Tests.Harness;

/// <summary>A person a test signs in as.</summary>
public sealed record TestUser(string Name, string Password, string Region, AccessRole[] Roles);

/// <summary>People for test hosts, created through the app's own Identity user manager (so passwords are hashed as in production).</summary>
public static class TestUsers
{
    public const string Password = "Test-Passw0rd-2026";

    /// <summary>Every test host has this one: the national centre with every role.</summary>
    public static readonly TestUser National = new("national-admin", Password, "000000",
        [AccessRole.DutyOfficer, AccessRole.Commander, AccessRole.Analyst, AccessRole.Administrator]);

    public static async Task<TestUser> CreateUserAsync(this AppHost app, string name, string region, params AccessRole[] roles)
    {
        var user = new TestUser(name, Password, region, roles);
        await CreateAsync(app.Services, user);
        return user;
    }

    /// <summary>An HTTP client of the in-memory test server holding <paramref name="user"/>'s sign-in cookie, got through the sign-in form.</summary>
    public static async Task<HttpClient> SignedInClientAsync(this AppHost app, TestUser? user = null, CookieContainer? cookies = null)
    {
        user ??= TestUsers.National;
        await CreateAsync(app.Services, user);
        // On Kestrel the client talks to the real port; in memory, to the test server.
        var http = app.Address is { } address
            ? new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies ?? new CookieContainer() }) { BaseAddress = address }
            : app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        using var response = await http.PostSignInFormAsync(user.Name, user.Password);
        if (response.StatusCode is not (HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther))
            throw new InvalidOperationException($"Signing in as {user.Name} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return http;
    }

    /// <summary>Fills in and posts the sign-in form as a browser would: the page first, for its antiforgery token.</summary>
    public static async Task<HttpResponseMessage> PostSignInFormAsync(this HttpClient http, string user, string password)
    {
        var page = await http.GetStringAsync("/account/signin");
        var token = Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signin",
            ["Input.UserName"] = user,
            ["Input.Password"] = password,
            ["__RequestVerificationToken"] = token,
        });
        return await http.PostAsync("/account/signin", form);
    }

    public static async Task CreateAsync(IServiceProvider services, TestUser user)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
        if (await users.FindByNameAsync(user.Name) is not null) return;
        var result = await users.CreateAsync(new UserAccount
        {
            Id = Guid.NewGuid(), UserName = user.Name, DisplayName = user.Name, Jurisdiction = RegionCode.Parse(user.Region),
            Roles = [.. user.Roles], CreatedAt = DateTimeOffset.UtcNow,
        }, user.Password);
        if (!result.Succeeded) throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
    }
}
