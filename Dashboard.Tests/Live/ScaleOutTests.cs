using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
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

    public async Task InitializeAsync()
    {
        _redis = await TestRedis.StartAsync();
        _settings["ConnectionStrings:Marten"] = await TestDatabase.ConnectionStringAsync();
        _settings["Marten:Schema"] = TestDatabase.NewSchema("scale");
        _settings["ConnectionStrings:Redis"] = _redis.ConnectionString;
        _settings["Simulator:Enabled"] = "false";
        _nodeA = await NodeProcess.StartAsync(_settings);
        _nodeB = await NodeProcess.StartAsync(_settings);
    }

    public async Task DisposeAsync()
    {
        await _nodeA.DisposeAsync();
        await _nodeB.DisposeAsync();
        await _redis.DisposeAsync();
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

    /// <summary>Keys are issued with the app's own command, against the shared database.</summary>
    private Task<string> CreateKeyAsync(string region) => AppProcess.CreateApiKeyAsync(_settings, region, "scale-out test");
}
