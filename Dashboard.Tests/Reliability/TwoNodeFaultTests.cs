using Microsoft.Playwright;
using System.Diagnostics;
using AntiFraud.Dashboard.Live;
using AntiFraud.Dashboard.Tests.Harness;
using Xunit.Abstractions;
using static AntiFraud.Dashboard.Tests.Harness.Ingestion;

namespace AntiFraud.Dashboard.Tests.Reliability;

/// <summary>
/// Two app processes sharing one PostgreSQL and one Redis. The node leading the projection daemon is killed: the other takes over
/// the roll-ups and keeps pushing. Redis is stopped: each node keeps serving its own clients, and cross-node push resumes when
/// Redis returns.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TwoNodeFaultTests(Browser browser, ITestOutputHelper output)
{
    private static async Task<Dictionary<string, string>> SettingsAsync(TestRedis redis)
    {
        var schema = TestDatabase.NewSchema("nodes");
        return new Dictionary<string, string>
        {
            ["ConnectionStrings:Marten"] = await TestDatabase.ConnectionStringAsync(),
            ["Marten:Schema"] = schema,
            ["ConnectionStrings:Redis"] = redis.ConnectionString,
            ["Simulator:Enabled"] = "false",
            ["Jobs:Schema"] = schema + "_jobs",
            ["Jobs:Server"] = "false",
            ["Jobs:Schedule"] = "false",
        };
    }

    private static async Task<Guid> ReportAsync(HttpClient http, string county = "440305") =>
        await http.CreateAsync("/api/v1/incidents", Incident(NewExternalId("node"), county, Ago(TimeSpan.FromMinutes(10))));

    private static HttpClient Client(NodeProcess node, string secret)
    {
        var http = new HttpClient { BaseAddress = node.Address };
        http.DefaultRequestHeaders.Add("X-Api-Key", secret);
        return http;
    }

    [Fact]
    public async Task When_the_daemon_leader_is_killed_the_other_node_takes_over_roll_ups_and_live_push()
    {
        await using var redis = await TestRedis.StartAsync();
        var settings = await SettingsAsync(redis);
        var secret = await AppProcess.CreateApiKeyAsync(settings, "000000", "two nodes");
        // The first node started takes the daemon's lead (hot); the second waits (cold).
        var first = await NodeProcess.StartAsync(settings);
        await using var second = await NodeProcess.StartAsync(settings);
        using var toFirst = Client(first, secret);
        using var toSecond = Client(second, secret);
        await using var watcher = await HubClient.ConnectAsync(second.Address, secret);
        await watcher.WatchAsync("440000");
        var officer = await AppProcess.CreateOfficerAsync(settings, "guangdong-night-shift", "440000");
        await using var wall = await browser.OpenAsync(second.Address, "live/440000", 1920, 1080, "zh-CN", officer);
        await wall.WaitForCircuitAsync();
        var today = ChinaDaysAgo(0);

        // Both nodes see roll-ups before the kill.
        await ReportAsync(toFirst);
        await Wait.UntilAsync(async () => (await toSecond.StatsAsync("440000", today)).GetProperty("incidents").GetInt64() == 1,
            TimeSpan.FromSeconds(30), "The roll-up did not count the first report.");

        await first.KillAsync();
        var killed = Stopwatch.StartNew();
        var id = await ReportAsync(toSecond);
        await watcher.WaitUntilAsync(c => c.Of<IncidentReportedMessage>().Any(m => m.Id == id), TimeSpan.FromSeconds(30));
        var pushedAfter = killed.Elapsed;
        await Wait.UntilAsync(async () => (await toSecond.StatsAsync("440000", today)).GetProperty("incidents").GetInt64() == 2,
            TimeSpan.FromSeconds(60), "The surviving node did not take over the roll-ups.");
        var rolledUpAfter = killed.Elapsed;
        await watcher.WaitUntilAsync(c => c.Of<FiguresChangedMessage>().Any(m => m.RegionCode == "440000" && m.Today.Incidents == 2), TimeSpan.FromSeconds(30));
        var figuresAfter = killed.Elapsed;
        // The wall screen on the surviving node kept going: the new incident in its ticker, its figures at two, and live.
        await Assertions.Expect(wall.Page.Locator($".ticker-item[data-id='{id}']")).ToBeVisibleAsync();
        await Assertions.Expect(wall.Page.Locator("[data-kpi=Incidents] [data-testid=kpi-value]")).ToHaveTextAsync("2", new() { Timeout = 30_000 });
        await Assertions.Expect(wall.Page.GetByTestId("connection")).ToHaveTextAsync("实时");
        var screenAfter = killed.Elapsed;
        await first.DisposeAsync();

        output.WriteLine($"Leader killed: the other node pushed the next incident after {pushedAfter.TotalSeconds:0.0} s, " +
                         $"rolled it up after {rolledUpAfter.TotalSeconds:0.0} s and pushed the new figures after {figuresAfter.TotalSeconds:0.0} s; " +
                         $"its wall screen showed both after {screenAfter.TotalSeconds:0.0} s.");
    }

    [Fact]
    public async Task With_Redis_stopped_each_node_serves_its_own_clients_and_cross_node_push_resumes_when_it_returns()
    {
        var redis = await TestRedis.StartAsync();
        try
        {
            var settings = await SettingsAsync(redis);
            var secret = await AppProcess.CreateApiKeyAsync(settings, "000000", "two nodes");
            await using var a = await NodeProcess.StartAsync(settings);
            await using var b = await NodeProcess.StartAsync(settings);
            using var toA = Client(a, secret);
            using var toB = Client(b, secret);
            await using var onA = await HubClient.ConnectAsync(a.Address, secret);
            await onA.WatchAsync("440000");

            var crossing = await ReportAsync(toB);
            await onA.WaitUntilAsync(c => c.Of<IncidentReportedMessage>().Any(m => m.Id == crossing));

            await redis.StopAsync();
            // Node A still pushes what is reported to it to its own clients.
            var local = await ReportAsync(toA);
            await onA.WaitUntilAsync(c => c.Of<IncidentReportedMessage>().Any(m => m.Id == local), TimeSpan.FromSeconds(30));

            await redis.RestartAsync();
            var back = Stopwatch.StartNew();
            // Reports to B keep coming; once the nodes have reconnected to Redis, A's clients get them again.
            var resumed = new List<Guid>();
            await Wait.UntilAsync(async () =>
            {
                resumed.Add(await ReportAsync(toB));
                return onA.Of<IncidentReportedMessage>().Any(m => resumed.Contains(m.Id));
            }, TimeSpan.FromSeconds(60), "Cross-node push did not resume after Redis returned.");
            output.WriteLine($"Redis back: cross-node push resumed after {back.Elapsed.TotalSeconds:0.0} s ({resumed.Count} reports sent meanwhile).");
        }
        finally
        {
            await redis.DisposeAsync();
        }
    }
}
