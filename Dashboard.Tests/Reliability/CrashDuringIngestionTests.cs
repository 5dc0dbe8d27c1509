using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using AntiFraud.Dashboard.Tests.Harness;
using AntiFraud.Domain.Common;
using AntiFraud.Domain.Incidents;
using JasperFx;
using Marten;
using Xunit.Abstractions;
using static AntiFraud.Dashboard.Tests.Harness.Ingestion;

namespace AntiFraud.Dashboard.Tests.Reliability;

/// <summary>
/// The app killed with SIGKILL five times in the middle of sustained ingestion, with clients that retry as the API's idempotency
/// rule allows (the same report again until it is acknowledged). Afterwards every acknowledged report is stored exactly once and
/// the roll-ups equal a recount from the events.
/// </summary>
public sealed class CrashDuringIngestionTests(ITestOutputHelper output)
{
    private const int Kills = 5;
    private const int Clients = 6;
    private static readonly string[] Counties = ["440305", "440106", "510104", "330106", "110105", "420102"];

    private sealed record Sent(string ExternalId, string Body, string County, decimal Loss);

    [Fact]
    public async Task Every_acknowledged_report_survives_five_kills_exactly_once_and_the_roll_ups_equal_a_recount()
    {
        var connectionString = await TestDatabase.ConnectionStringAsync();
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:Marten"] = connectionString,
            ["Marten:Schema"] = TestDatabase.NewSchema("crash"),
            ["Simulator:Enabled"] = "false",
            ["Api:RequestsPerSecondPerKey"] = "100000",
        };
        settings["Jobs:Schema"] = settings["Marten:Schema"] + "_jobs";
        settings["Jobs:Server"] = "false";
        settings["Jobs:Schedule"] = "false";
        var secret = await AppProcess.CreateApiKeyAsync(settings, "000000", "crash test");

        var node = await NodeProcess.StartAsync(settings);
        var current = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        current.SetResult(node.Address);
        var acknowledged = new ConcurrentDictionary<string, Guid>();
        var sent = new ConcurrentDictionary<string, Sent>();
        var retries = 0;
        var storedBefore = 0;
        using var stop = new CancellationTokenSource();
        var random = new Random(20261126);

        // Each client sends one report after another; a report is sent again, unchanged, until it is acknowledged.
        async Task ClientAsync(int number)
        {
            var own = new Random(number);
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            http.DefaultRequestHeaders.Add("X-Api-Key", secret);
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var county = Counties[own.Next(Counties.Length)];
                var loss = own.Next(1, 500_000) + own.Next(100) / 100m;
                var body = Incident($"crash-{number}-{i}", county, Ago(TimeSpan.FromMinutes(own.Next(5, 600))), loss).ToJsonString();
                var report = new Sent($"crash-{number}-{i}", body, county, loss);
                sent[report.ExternalId] = report;
                for (var failures = 0; !stop.IsCancellationRequested; failures++)
                {
                    // Waits while the node is down: the kill loop publishes the next node once it is healthy.
                    var address = await current.Task;
                    try
                    {
                        using var response = await http.PostAsync(new Uri(address, "api/v1/incidents"),
                            new StringContent(body, System.Text.Encoding.UTF8, "application/json"), stop.Token);
                        if (response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK)
                        {
                            // 200: the attempt cut off by the kill had been stored; the retry is told so and nothing is written.
                            if (response.StatusCode == HttpStatusCode.OK) Interlocked.Increment(ref storedBefore);
                            acknowledged[report.ExternalId] = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
                            break;
                        }
                        Assert.True((int)response.StatusCode >= 500, $"{report.ExternalId} was refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                    {
                        if (stop.IsCancellationRequested) return;
                        // The node is gone: wait until the kill loop has replaced it, then send the same report again.
                        await Wait.UntilAsync(() => !current.Task.IsCompleted || current.Task.Result != address || stop.IsCancellationRequested,
                            TimeSpan.FromSeconds(120), $"No node replaced {address}.");
                    }
                    Interlocked.Increment(ref retries);
                    Assert.True(failures < 100, $"{report.ExternalId} failed 100 times in a row on {address}.");
                }
            }
        }

        var clients = Enumerable.Range(1, Clients).Select(n => Task.Run(() => ClientAsync(n))).ToList();
        for (var kill = 1; kill <= Kills; kill++)
        {
            // A random moment: after another 50 to 250 acknowledged reports.
            var target = acknowledged.Count + random.Next(50, 250);
            await Wait.UntilAsync(() => acknowledged.Count >= target || clients.Any(c => c.IsFaulted), TimeSpan.FromSeconds(120),
                $"Only {acknowledged.Count} reports were acknowledged before kill {kill}.");
            if (clients.FirstOrDefault(c => c.IsFaulted) is { } faulted) await faulted;
            // Killed while the clients are sending: requests in flight are cut off mid-way.
            await node.KillAsync();
            current = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
            output.WriteLine($"kill {kill}: {acknowledged.Count} acknowledged, {retries} retries so far");
            await node.DisposeAsync();
            node = await NodeProcess.StartAsync(settings);
            current.SetResult(node.Address);
        }
        var final = acknowledged.Count + 100;
        await Wait.UntilAsync(() => acknowledged.Count >= final, TimeSpan.FromSeconds(120), "The last node did not take reports.");
        await stop.CancelAsync();
        await Task.WhenAll(clients);

        try
        {
            await AssertExactlyOnceAndRecountedAsync(node, settings, secret, acknowledged, sent);
            output.WriteLine($"{acknowledged.Count} reports acknowledged across {Kills} kills, {retries} retries ({storedBefore} found stored by an attempt the kill cut off); every one stored once.");
        }
        finally
        {
            await node.DisposeAsync();
        }
    }

    private async Task AssertExactlyOnceAndRecountedAsync(NodeProcess node, Dictionary<string, string> settings, string secret,
        ConcurrentDictionary<string, Guid> acknowledged, ConcurrentDictionary<string, Sent> sent)
    {
        await using var store = DocumentStore.For(o =>
        {
            o.Connection(settings["ConnectionStrings:Marten"]);
            o.DatabaseSchemaName = settings["Marten:Schema"];
            o.Events.DatabaseSchemaName = settings["Marten:Schema"];
            o.AutoCreateSchemaObjects = AutoCreate.None;
            o.RegisterDomain();
        });
        await using var session = store.QuerySession();
        var reported = await session.Events.QueryRawEventDataOnly<IncidentReported>().ToListAsync();

        // Exactly once: one IncidentReported per external id, and each acknowledged report stored with the body it was sent with.
        var byExternalId = reported.GroupBy(r => r.ExternalId).ToDictionary(g => g.Key, g => g.ToList());
        Assert.All(byExternalId, pair => Assert.Single(pair.Value));
        Assert.All(acknowledged, pair =>
        {
            Assert.True(byExternalId.TryGetValue(pair.Key, out var stored), $"{pair.Key} was acknowledged but is not stored.");
            Assert.Equal(pair.Value, stored![0].IncidentId);
            Assert.Equal(sent[pair.Key].Loss, stored[0].LossAmount);
        });
        // Anything stored was sent by a client (a report stored just before a kill, never acknowledged, is allowed; nothing else).
        Assert.All(byExternalId.Keys, id => Assert.True(sent.ContainsKey(id), $"{id} is stored but was never sent."));
        Assert.Equal(reported.Count, await session.Query<IncidentDetails>().CountAsync());

        // The roll-ups equal a recount from the events, for the nation and each province reported to.
        using var http = new HttpClient { BaseAddress = node.Address };
        http.DefaultRequestHeaders.Add("X-Api-Key", secret);
        var days = reported.Select(r => ChinaTime.DayOf(r.OccurredAt)).Distinct().Order().ToList();
        var regions = new[] { "000000" }.Concat(Counties.Select(c => c[..2] + "0000")).Distinct().ToList();
        var expected = regions.ToDictionary(r => r, r =>
        {
            var mine = reported.Where(e => r == "000000" || e.County.ToString().StartsWith(r[..2], StringComparison.Ordinal)).ToList();
            return (Incidents: (long)mine.Count, Loss: mine.Sum(e => e.LossAmount));
        });
        var seen = new Dictionary<string, (long Incidents, decimal Loss)>();
        await Wait.UntilAsync(async () =>
        {
            foreach (var region in regions)
            {
                var s = await http.StatsAsync(region, days[0], days[^1]);
                seen[region] = (s.GetProperty("incidents").GetInt64(), s.GetProperty("loss").GetDecimal());
            }
            return regions.All(r => seen[r] == expected[r]);
        }, TimeSpan.FromSeconds(60), "The roll-ups do not equal the recount.");
        foreach (var region in regions) output.WriteLine($"{region}: {expected[region].Incidents} incidents, {expected[region].Loss:N2} yuan — roll-up equal");
    }
}
