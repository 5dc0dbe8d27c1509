using System.Net;
using System.Security.Claims;
using System.Text.RegularExpressions;
using AntiFraud.Dashboard.Access;
using AntiFraud.Dashboard.Tests.Harness;
using AntiFraud.Domain.Access;
using AntiFraud.Domain.Regions;
using Marten;

namespace AntiFraud.Dashboard.Tests.Access;

/// <summary>
/// Sign-in through a centre's own OpenID Connect provider (a real one on a loopback port): the jurisdiction and roles come from
/// the provider's claims as mapped in the settings, and claims that do not map let nobody in.
/// </summary>
public sealed partial class ExternalSignInTests
{
    private static Dictionary<string, string?> Settings(TestIdentityProvider provider) => new()
    {
        ["Access:OpenIdConnect:Authority"] = provider.Authority,
        ["Access:OpenIdConnect:ClientId"] = TestIdentityProvider.ClientId,
        ["Access:OpenIdConnect:ClientSecret"] = TestIdentityProvider.ClientSecret,
        ["Access:OpenIdConnect:DisplayName"] = "广东省厅统一认证",
        ["Access:OpenIdConnect:RequireHttpsMetadata"] = "false",
        ["Access:OpenIdConnect:Jurisdictions:gd-centre"] = "440000",
        ["Access:OpenIdConnect:Roles:fraud-duty"] = "DutyOfficer",
        ["Access:OpenIdConnect:Roles:fraud-command"] = "Commander",
    };

    private static Claim[] Person(string subject, string region, params string[] roles) =>
        [new("sub", subject), new("preferred_username", "王警官"), new("afc_region", region), .. roles.Select(r => new Claim("roles", r))];

    /// <summary>The whole round trip a browser makes: our challenge, the provider's answer posted back, our cookie.</summary>
    private static async Task<HttpResponseMessage> SignInAtProviderAsync(HttpClient app, TestIdentityProvider provider, Claim[] person, string returnUrl)
    {
        provider.NextPerson = person;
        using var challenge = await app.GetAsync($"/account/signin/external?returnUrl={Uri.EscapeDataString(returnUrl)}");
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        Assert.StartsWith(provider.Authority + "/authorize?", challenge.Headers.Location!.ToString());

        using var atProvider = new HttpClient();
        var page = await atProvider.GetStringAsync(challenge.Headers.Location);
        var action = WebUtility.HtmlDecode(FormAction().Match(page).Groups[1].Value);
        var fields = HiddenField().Matches(page).ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));
        return await app.PostAsync(new Uri(action).PathAndQuery, new FormUrlEncodedContent(fields));
    }

    [Fact]
    public async Task A_mapped_person_signs_in_and_sees_only_the_jurisdiction_the_provider_gives()
    {
        await using var provider = await TestIdentityProvider.StartAsync();
        await using var app = await AppHost.StartAsync(settings: Settings(provider));
        using var http = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });

        var signInPage = WebUtility.HtmlDecode(await http.GetStringAsync("/account/signin"));
        Assert.Contains("使用广东省厅统一认证登录", signInPage);

        using var back = await SignInAtProviderAsync(http, provider, Person("gd-0001", "gd-centre", "fraud-duty", "unrelated-group"), "/regions/440300");
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        Assert.Equal("/regions/440300", back.Headers.Location!.OriginalString);

        using (var own = await http.GetAsync("/regions/440000")) Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        using (var child = await http.GetAsync("/regions/440300")) Assert.Equal(HttpStatusCode.OK, child.StatusCode);
        using (var sibling = await http.GetAsync("/regions/110000")) Assert.Equal(HttpStatusCode.Forbidden, sibling.StatusCode);
        using (var parent = await http.GetAsync("/regions/000000")) Assert.Equal(HttpStatusCode.Forbidden, parent.StatusCode);
        // A duty officer: no briefing PDFs (analysts), no jobs dashboard (administrators).
        using (var jobs = await http.GetAsync("/hangfire")) Assert.Equal(HttpStatusCode.Forbidden, jobs.StatusCode);

        await using var session = app.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var account = await session.Query<UserAccount>().SingleAsync(u => u.UserName == "oidc:gd-0001");
        Assert.Equal(RegionCode.Parse("440000"), account.Jurisdiction);
        Assert.Equal([AccessRole.DutyOfficer], account.Roles);
        Assert.Equal("王警官", account.DisplayName);
        Assert.Null(account.PasswordHash);
        var trail = await app.Services.GetRequiredService<Auditor>().LatestAsync(20);
        Assert.Contains(trail, e => e.Kind == AuditKinds.SignedIn && e.Who == "oidc:gd-0001" && e.Detail!.Contains("440000"));
    }

    [Fact]
    public async Task The_next_sign_in_takes_the_jurisdiction_and_roles_the_provider_gives_then()
    {
        await using var provider = await TestIdentityProvider.StartAsync();
        await using var app = await AppHost.StartAsync(settings: Settings(provider));
        using (var first = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true }))
        using (var back = await SignInAtProviderAsync(first, provider, Person("gd-0002", "gd-centre", "fraud-duty"), "/"))
            Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);

        // Moved to Shenzhen and made a commander at the provider: the product follows at the next sign-in.
        using var http = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        using (var back = await SignInAtProviderAsync(http, provider, Person("gd-0002", "440300", "fraud-command"), "/"))
            Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);

        using (var province = await http.GetAsync("/regions/440000")) Assert.Equal(HttpStatusCode.Forbidden, province.StatusCode);
        using (var city = await http.GetAsync("/regions/440300")) Assert.Equal(HttpStatusCode.OK, city.StatusCode);
        await using var session = app.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var accounts = await session.Query<UserAccount>().Where(u => u.UserName == "oidc:gd-0002").ToListAsync();
        var account = Assert.Single(accounts);
        Assert.Equal([AccessRole.Commander], account.Roles);
        Assert.Contains(await app.Services.GetRequiredService<Auditor>().LatestAsync(20), e => e.Kind == AuditKinds.UserUpdated && e.Target == "oidc:gd-0002");
    }

    [Theory]
    [InlineData("no-role", "gd-centre")]
    [InlineData("unknown-region", "999999")]
    [InlineData("no-region", "")]
    public async Task Claims_that_do_not_map_let_nobody_in_and_the_page_says_why(string subject, string region)
    {
        await using var provider = await TestIdentityProvider.StartAsync();
        await using var app = await AppHost.StartAsync(settings: Settings(provider));
        using var http = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var person = Person(subject, region, subject == "no-role" ? "fraud-catering" : "fraud-duty").Where(c => c.Value != "").ToArray();

        using var back = await SignInAtProviderAsync(http, provider, person, "/regions/440000");

        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        Assert.Equal("/account/signin?external=refused", back.Headers.Location!.OriginalString);
        var page = WebUtility.HtmlDecode(await http.GetStringAsync(back.Headers.Location!.OriginalString));
        Assert.Contains("未提供本系统可识别的辖区或角色", page);
        using (var region440000 = await http.GetAsync("/regions/440000"))
        {
            Assert.Equal(HttpStatusCode.Redirect, region440000.StatusCode);
            Assert.StartsWith("/account/signin", region440000.Headers.Location!.PathAndQuery);
        }
        await using var session = app.Services.GetRequiredService<IDocumentStore>().QuerySession();
        Assert.False(await session.Query<UserAccount>().AnyAsync(u => u.UserName == "oidc:" + subject));
        Assert.Contains(await app.Services.GetRequiredService<Auditor>().LatestAsync(20),
            e => e.Kind == AuditKinds.SignInFailed && e.Who == "oidc:" + subject && e.Detail!.StartsWith("OpenID Connect: "));
    }

    [Fact]
    public async Task Without_a_provider_configured_there_is_no_external_sign_in()
    {
        await using var app = await AppHost.StartAsync();
        using var http = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });

        Assert.DoesNotContain("signin-external", await http.GetStringAsync("/account/signin"));
        // Nowhere to go but the product's own sign-in page (an unknown address, for someone not signed in).
        using var challenge = await http.GetAsync("/account/signin/external");
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        Assert.Equal("/account/signin", challenge.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task A_role_mapped_to_something_that_is_not_a_role_stops_the_app_with_the_setting_named()
    {
        var (exitCode, _, error) = await AppProcess.RunDashboardAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings:Marten"] = await TestDatabase.ConnectionStringAsync(),
            ["Marten:Schema"] = TestDatabase.NewSchema(),
            ["Access:OpenIdConnect:Authority"] = "https://sso.example.gov.cn",
            ["Access:OpenIdConnect:ClientId"] = "afc",
            ["Access:OpenIdConnect:Roles:fraud-chief"] = "Chief",
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
        });

        Assert.Equal(1, exitCode);
        Assert.Contains("Access:OpenIdConnect:Roles:fraud-chief is 'Chief', which is not one of DutyOfficer, Commander, Analyst, Administrator.", error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public void Roles_sent_as_one_json_array_map_like_repeated_claims()
    {
        var settings = new OpenIdConnectSettings { Roles = { ["fraud-duty"] = "DutyOfficer" } };
        Claim[] claims = [new("sub", "x1"), new("afc_region", "440300"), new("roles", """["fraud-duty","Analyst","cook"]""")];

        var (identity, refusal) = ExternalIdentity.From(claims, settings, RegionCatalog.Load());

        Assert.Null(refusal);
        Assert.Equal([AccessRole.DutyOfficer, AccessRole.Analyst], identity!.Roles);
        Assert.Equal("oidc:x1", identity.UserName);
    }

    [GeneratedRegex("""<form method="post" action="([^"]+)">""")]
    private static partial Regex FormAction();

    [GeneratedRegex("""<input type="hidden" name="([^"]+)" value="([^"]*)" />""")]
    private static partial Regex HiddenField();
}
