using System.Net;
using AntiFraud.Dashboard.Tests.Harness;
using AntiFraud.Domain.Access;

namespace AntiFraud.Dashboard.Tests.Access;

/// <summary>One person per role in Guangdong (440000), each with that role alone, and an incident in Nanshan (440305).</summary>
public sealed class RoleFixture : IAsyncLifetime
{
    public AppHost App { get; private set; } = null!;
    public Dictionary<AccessRole, HttpClient> Clients { get; } = [];
    public Guid Incident { get; private set; }

    public async Task InitializeAsync()
    {
        App = await AppHost.StartAsync();
        foreach (var role in Enum.GetValues<AccessRole>())
            Clients[role] = await App.SignedInClientAsync(new TestUser($"gd-{role.ToString().ToLowerInvariant()}", TestUsers.Password, "440000", [role]));
        var centre = await App.CentreAsync("44");
        Incident = await centre.Http.CreateAsync("/api/v1/incidents", Ingestion.Incident(Ingestion.NewExternalId("role"), "440305"));
    }

    public async Task DisposeAsync()
    {
        foreach (var client in Clients.Values) client.Dispose();
        await App.DisposeAsync();
    }
}

/// <summary>
/// Every role, alone, against every kind of access: the jurisdiction's pages (own, child, sibling, parent), briefing PDFs,
/// administration, the jobs dashboard, the actions and exports a page offers, and the machine API (which takes keys, not people).
/// </summary>
public sealed class RoleMatrixTests(RoleFixture fixture) : IClassFixture<RoleFixture>
{
    private const AccessRole Duty = AccessRole.DutyOfficer, Commander = AccessRole.Commander, Analyst = AccessRole.Analyst, Admin = AccessRole.Administrator;

    public static TheoryData<AccessRole, string, int> Addresses()
    {
        var rows = new TheoryData<AccessRole, string, int>();
        foreach (var role in Enum.GetValues<AccessRole>())
        {
            // Every role sees its jurisdiction's screens, and nothing outside it.
            rows.Add(role, "regions/440000", 200);
            rows.Add(role, "regions/440300", 200);
            rows.Add(role, "live/440300", 200);
            rows.Add(role, "regions/510000", 403);
            rows.Add(role, "live/000000", 403);
            rows.Add(role, "cards?region=440000", 200);
            rows.Add(role, "cards?region=510000", 403);
            // Briefing PDFs are for analysts, inside the jurisdiction (404: allowed, and none written yet for that day).
            rows.Add(role, "briefings/440000/2025-03-12.pdf", role == Analyst ? 404 : 403);
            rows.Add(role, "briefings/510000/2025-03-12.pdf", 403);
            // Administration and the jobs dashboard are for administrators.
            rows.Add(role, "admin/users", role == Admin ? 200 : 403);
            rows.Add(role, "admin/apikeys", role == Admin ? 200 : 403);
            rows.Add(role, "admin/audit", role == Admin ? 200 : 403);
            rows.Add(role, "hangfire", role == Admin ? 200 : 403);
            // The machine API takes API keys; a person's cookie is not one.
            rows.Add(role, "api/v1/regions/440000/stats?from=2026-11-01&to=2026-11-02", 401);
        }
        return rows;
    }

    [Theory]
    [MemberData(nameof(Addresses))]
    public async Task Each_role_gets_what_it_may_and_a_403_for_the_rest(AccessRole role, string path, int expected)
    {
        using var response = await fixture.Clients[role].GetAsync(path);
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            // A role refused by a page's policy is sent to the page that says so, which answers 403.
            Assert.Equal("/account/denied", response.Headers.Location!.IsAbsoluteUri ? response.Headers.Location.AbsolutePath : response.Headers.Location.OriginalString.Split('?')[0]);
            using var denied = await fixture.Clients[role].GetAsync(response.Headers.Location);
            Assert.Contains("data-testid=\"forbidden\"", await denied.Content.ReadAsStringAsync());
            Assert.Equal(expected, (int)denied.StatusCode);
            return;
        }
        Assert.Equal(expected, (int)response.StatusCode);
    }

    [Theory]
    [InlineData(Duty, false, false)]
    [InlineData(Commander, true, false)]
    [InlineData(Analyst, false, true)]
    [InlineData(Admin, false, false)]
    public async Task Only_commanders_are_offered_actions_and_only_analysts_the_export(AccessRole role, bool acts, bool exports)
    {
        var http = fixture.Clients[role];
        var incident = await http.GetStringAsync($"incidents/{fixture.Incident}");
        var cards = await http.GetStringAsync("cards?region=440300");
        var region = await http.GetStringAsync("regions/440300");

        Assert.Contains("data-testid=\"loss\"", incident);
        Assert.Equal(acts, incident.Contains("class=\"incident-actions\"", StringComparison.Ordinal));
        Assert.Equal(acts, cards.Contains("data-testid=\"issue-card\"", StringComparison.Ordinal));
        Assert.Equal(exports, region.Contains("data-testid=\"export-csv\"", StringComparison.Ordinal));
    }
}
