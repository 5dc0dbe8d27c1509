using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using AntiFraud.Dashboard.Live;
using AntiFraud.Dashboard.Tests.Harness;
using Microsoft.Playwright;

namespace AntiFraud.Dashboard.Tests.Live;

/// <summary>Two app processes on different ports sharing one PostgreSQL schema and one real Redis.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ScaleOutTests(Browser browser) : IAsyncLifetime
{
    private TestRedis _redis = null!;
    private readonly Dictionary<string, string> _settings = [];
    private NodeProcess _nodeA = null!;
    private NodeProcess _nodeB = null!;
    // Each node has a home folder of its own, as on two machines: nothing a node keeps on its own disk is shared.
    private readonly string _homes = Directory.CreateTempSubdirectory("afc-nodes-").FullName;

    public async Task InitializeAsync()
    {
        _redis = await TestRedis.StartAsync();
        _settings["ConnectionStrings:Marten"] = await TestDatabase.ConnectionStringAsync();
        _settings["Marten:Schema"] = TestDatabase.NewSchema("scale");
        _settings["ConnectionStrings:Redis"] = _redis.ConnectionString;
        _settings["Simulator:Enabled"] = "false";
        _nodeA = await NodeProcess.StartAsync(OnItsOwnMachine("a"));
        _nodeB = await NodeProcess.StartAsync(OnItsOwnMachine("b"));
    }

    private Dictionary<string, string> OnItsOwnMachine(string node) =>
        new(_settings) { ["HOME"] = Directory.CreateDirectory(Path.Combine(_homes, node)).FullName };

    public async Task DisposeAsync()
    {
        await _nodeA.DisposeAsync();
        await _nodeB.DisposeAsync();
        await _redis.DisposeAsync();
        Directory.Delete(_homes, recursive: true);
    }

    [Fact]
    public async Task An_incident_posted_to_node_B_reaches_a_hub_client_and_a_wall_screen_connected_to_node_A()
    {
        var secret = await CreateKeyAsync("44");
        await using var hub = await HubClient.ConnectAsync(_nodeA.Address, secret);
        await hub.WatchAsync("440000");
        var officer = await AppProcess.CreateOfficerAsync(_settings, "guangdong-officer", "440000");
        await using var wall = await browser.OpenAsync(_nodeA.Address, "live/440000", 1920, 1080, "zh-CN", officer);
        await wall.WaitForCircuitAsync();

        using var http = new HttpClient { BaseAddress = _nodeB.Address };
        http.DefaultRequestHeaders.Add("X-Api-Key", secret);
        var response = await http.PostAsJsonAsync("api/v1/incidents", Ingestion.Incident(Ingestion.NewExternalId("node-b"), "440305"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        await hub.WaitUntilAsync(c => c.Of<IncidentReportedMessage>().Any(m => m.Id == id));
        await Assertions.Expect(wall.Page.Locator($".ticker-item[data-id='{id}']")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_person_signed_in_through_node_A_stays_signed_in_when_the_next_request_lands_on_node_B()
    {
        var officer = await AppProcess.CreateOfficerAsync(_settings, "guangdong-shift-lead", "440000");
        // Behind a load balancer without sticky sessions: one browser's cookies, its requests spread over both nodes.
        var cookies = new CookieContainer();
        using var toA = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies }) { BaseAddress = _nodeA.Address };
        using var toB = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies }) { BaseAddress = _nodeB.Address };

        // The sign-in form comes from node A and is posted to node B: B accepts A's antiforgery token.
        var form = await toA.GetStringAsync("account/signin");
        var token = Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        using var signIn = await toB.PostAsync("account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signin",
            ["Input.UserName"] = officer.Name,
            ["Input.Password"] = officer.Password,
            ["__RequestVerificationToken"] = token,
        }));
        Assert.True(signIn.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther,
            $"Signing in on node B with node A's form answered {(int)signIn.StatusCode}.");
        Assert.DoesNotContain(SignInPath, signIn.Headers.Location?.OriginalString ?? "");

        // The cookie node B issued opens the officer's wall on node A, and on node B itself.
        foreach (var node in new[] { toA, toB })
        {
            using var wall = await node.GetAsync("live/440000");
            Assert.Equal(HttpStatusCode.OK, wall.StatusCode);
        }
    }

    private const string SignInPath = "/account/signin";

    /// <summary>Keys are issued with the app's own command, against the shared database.</summary>
    private Task<string> CreateKeyAsync(string region) => AppProcess.CreateApiKeyAsync(_settings, region, "scale-out test");
}
