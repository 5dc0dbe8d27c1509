using System.Net;
using AntiFraud.Dashboard.Access;
using AntiFraud.Dashboard.Tests.Harness;
using AntiFraud.Domain.Access;
using Microsoft.AspNetCore.SignalR;

namespace AntiFraud.Dashboard.Tests.Access;

/// <summary>One host with a person at each tier, and a reported incident in Nanshan (440305) and one in Chengdu's Jinjiang (510104).</summary>
public sealed class AccessFixture : IAsyncLifetime
{
    public AppHost App { get; private set; } = null!;
    public Dictionary<string, HttpClient> Clients { get; } = [];
    public Guid NanshanIncident { get; private set; }
    public Guid ChengduIncident { get; private set; }

    public static readonly TestUser Nation = TestUsers.National;
    public static readonly TestUser Guangdong = new("gd-commander", TestUsers.Password, "440000", [AccessRole.DutyOfficer, AccessRole.Commander, AccessRole.Analyst]);
    public static readonly TestUser Shenzhen = new("sz-officer", TestUsers.Password, "440300", [AccessRole.DutyOfficer]);
    public static readonly TestUser Nanshan = new("ns-officer", TestUsers.Password, "440305", [AccessRole.DutyOfficer]);

    public async Task InitializeAsync()
    {
        App = await AppHost.StartAsync();
        foreach (var user in new[] { Nation, Guangdong, Shenzhen, Nanshan }) Clients[user.Name] = await App.SignedInClientAsync(user);
        var guangdong = await App.CentreAsync("44");
        var sichuan = await App.CentreAsync("51");
        NanshanIncident = await guangdong.Http.CreateAsync("/api/v1/incidents", Ingestion.Incident(Ingestion.NewExternalId("acl"), "440305"));
        ChengduIncident = await sichuan.Http.CreateAsync("/api/v1/incidents", Ingestion.Incident(Ingestion.NewExternalId("acl"), "510104"));
    }

    public async Task DisposeAsync()
    {
        foreach (var client in Clients.Values) client.Dispose();
        await App.DisposeAsync();
    }
}

/// <summary>
/// For a person at each tier, their own region, a child, a sibling and the parent, across the pages, the briefing PDFs, the
/// incident page and the hub: allowed (200) or refused (403), never an empty page that hides the refusal.
/// </summary>
public sealed class AccessMatrixTests(AccessFixture fixture) : IClassFixture<AccessFixture>
{
    public static TheoryData<string, string, HttpStatusCode> Pages()
    {
        var rows = new TheoryData<string, string, HttpStatusCode>();
        // (user, own, child, sibling, parent); the nation has no sibling or parent.
        var cases = new (TestUser User, string Own, string? Child, string? Sibling, string? Parent)[]
        {
            (AccessFixture.Nation, "000000", "440000", null, null),
            (AccessFixture.Guangdong, "440000", "440300", "510000", "000000"),
            (AccessFixture.Shenzhen, "440300", "440305", "440100", "440000"),
            (AccessFixture.Nanshan, "440305", null, "440304", "440300"),
        };
        foreach (var (user, own, child, sibling, parent) in cases)
        {
            foreach (var page in new[] { "regions/{0}", "live/{0}", "cards?region={0}" })
            {
                rows.Add(user.Name, string.Format(page, own), HttpStatusCode.OK);
                if (child is not null) rows.Add(user.Name, string.Format(page, child), HttpStatusCode.OK);
                if (sibling is not null) rows.Add(user.Name, string.Format(page, sibling), HttpStatusCode.Forbidden);
                if (parent is not null) rows.Add(user.Name, string.Format(page, parent), HttpStatusCode.Forbidden);
            }
        }
        return rows;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task A_page_of_a_region_is_shown_inside_the_jurisdiction_and_refused_outside_it(string user, string path, HttpStatusCode expected)
    {
        var response = await fixture.Clients[user].GetAsync(path);
        Assert.Equal(expected, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        if (expected == HttpStatusCode.Forbidden) Assert.Contains("不在您的辖区", html);
        else Assert.DoesNotContain("不在您的辖区", html);
    }

    [Fact]
    public async Task Without_signing_in_every_page_sends_people_to_the_sign_in_page()
    {
        using var anonymous = fixture.App.CreateClient(new() { AllowAutoRedirect = false });
        foreach (var path in new[] { "/", "regions/440000", "live/000000", "cards", "briefings", "incidents/" + fixture.NanshanIncident })
        {
            var response = await anonymous.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/signin", response.Headers.Location!.PathAndQuery);
        }
    }

    [Fact]
    public async Task An_incident_is_shown_to_its_county_and_above_and_refused_to_everyone_else()
    {
        var own = await fixture.Clients[AccessFixture.Nanshan.Name].GetAsync($"incidents/{fixture.NanshanIncident}");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);

        var elsewhere = await fixture.Clients[AccessFixture.Nanshan.Name].GetAsync($"incidents/{fixture.ChengduIncident}");
        Assert.Equal(HttpStatusCode.Forbidden, elsewhere.StatusCode);
        var html = WebUtility.HtmlDecode(await elsewhere.Content.ReadAsStringAsync());
        Assert.Contains("不在您的辖区", html);

        // Nothing of the incident shows: not even where it happened.
        Assert.DoesNotContain("锦江区", html);

        var guangdongOnChengdu = await fixture.Clients[AccessFixture.Guangdong.Name].GetAsync($"incidents/{fixture.ChengduIncident}");
        Assert.Equal(HttpStatusCode.Forbidden, guangdongOnChengdu.StatusCode);
        var nation = await fixture.Clients[AccessFixture.Nation.Name].GetAsync($"incidents/{fixture.ChengduIncident}");
        Assert.Equal(HttpStatusCode.OK, nation.StatusCode);
    }

    [Fact]
    public async Task Briefing_PDFs_are_for_analysts_of_the_region_and_refused_to_others_with_a_problem()
    {
        // Allowed, and there is simply no briefing yet: 404 says so.
        var own = await fixture.Clients[AccessFixture.Guangdong.Name].GetAsync("briefings/440000/2025-03-12.pdf");
        await own.AssertProblemAsync(HttpStatusCode.NotFound);

        var sibling = await fixture.Clients[AccessFixture.Guangdong.Name].GetAsync("briefings/510000/2025-03-12.pdf");
        await sibling.AssertProblemAsync(HttpStatusCode.Forbidden);

        // A duty officer is no analyst: refused whatever the region.
        var officer = await fixture.Clients[AccessFixture.Shenzhen.Name].GetAsync("briefings/440000/2025-03-12.pdf");
        Assert.Equal(HttpStatusCode.Forbidden, officer.StatusCode);
    }

    [Theory]
    [InlineData("44", "440300", true)]
    [InlineData("44", "440000", true)]
    [InlineData("44", "510000", false)]
    [InlineData("44", "000000", false)]
    [InlineData("440305", "440304", false)]
    public async Task A_machine_on_the_hub_watches_only_inside_its_keys_jurisdiction(string centre, string region, bool allowed)
    {
        await using var hub = await HubClient.ConnectAsync(fixture.App, centre);
        if (allowed)
        {
            Assert.Equal(region, await hub.WatchAsync(region));
            return;
        }
        var refused = await Assert.ThrowsAsync<HubException>(() => hub.WatchAsync(region));
        Assert.Contains("403", refused.Message);
        Assert.Contains("outside your jurisdiction", refused.Message);
    }

    [Theory]
    [InlineData("gd-commander", true, true)]
    [InlineData("sz-officer", false, false)]
    public async Task Actions_and_exports_are_offered_only_to_the_roles_that_may_use_them(string user, bool commander, bool analyst)
    {
        var http = fixture.Clients[user];
        var incident = await (await http.GetAsync($"incidents/{fixture.NanshanIncident}")).Content.ReadAsStringAsync();
        var cards = await (await http.GetAsync("cards?region=440300")).Content.ReadAsStringAsync();
        var region = await (await http.GetAsync("regions/440300")).Content.ReadAsStringAsync();

        // Everyone sees the incident and the cards; only a commander is offered the actions, only an analyst the export.
        Assert.Contains("data-testid=\"loss\"", incident);
        Assert.Equal(commander, incident.Contains("class=\"incident-actions\"", StringComparison.Ordinal));
        Assert.Equal(commander, cards.Contains("data-testid=\"issue-card\"", StringComparison.Ordinal));
        Assert.Equal(analyst, region.Contains("data-testid=\"export-csv\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_audit_trail_is_for_administrators_and_shows_who_signed_in_from_where()
    {
        var officer = await fixture.Clients[AccessFixture.Shenzhen.Name].GetAsync("admin/audit");
        Assert.Equal(HttpStatusCode.Redirect, officer.StatusCode);
        Assert.StartsWith("/account/denied", officer.Headers.Location!.PathAndQuery);

        var admin = await fixture.Clients[AccessFixture.Nation.Name].GetAsync("admin/audit");
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        var html = WebUtility.HtmlDecode(await admin.Content.ReadAsStringAsync());
        Assert.Contains("<td>sz-officer</td>", html);
        Assert.Contains("data-kind=\"signed-in\"", html);

        // A look outside the jurisdiction is in the trail too.
        await fixture.Clients[AccessFixture.Nanshan.Name].GetAsync("regions/440100");
        var trail = await fixture.App.Services.GetRequiredService<Auditor>().LatestAsync(500);
        Assert.Contains(trail, e => e.Kind == AuditKinds.Refused && e.Who == AccessFixture.Nanshan.Name && e.Target == "440100");
    }

    [Fact]
    public async Task The_hub_refuses_clients_without_a_key_or_cookie()
    {
        using var anonymous = fixture.App.CreateClient(new() { AllowAutoRedirect = false });
        var negotiate = await anonymous.PostAsync("hubs/live/negotiate?negotiateVersion=1", null);
        Assert.Equal(HttpStatusCode.Unauthorized, negotiate.StatusCode);
    }
}
