using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AntiFraud.Dashboard.Hosting.Embedded;
using AntiFraud.Dashboard.Tests.Harness;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static AntiFraud.Dashboard.Tests.Harness.Ingestion;

namespace AntiFraud.Dashboard.Tests.Reliability;

/// <summary>
/// PostgreSQL stopped while reports keep coming: the API answers 503 with Retry-After (never 500), /healthz turns unhealthy, the
/// wall says its figures are stale; when PostgreSQL returns everything recovers by itself and nothing acknowledged is missing.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DatabaseOutageUnderLoadTests(Browser browser, ITestOutputHelper output)
{
    [Fact]
    public async Task While_PostgreSQL_is_down_the_API_says_503_the_wall_says_stale_and_all_recovers_without_a_restart()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"antifraud-outage-load-{Guid.NewGuid():N}");
        var cluster = new PostgresCluster(Path.Combine(folder, "data"));
        await cluster.StartAsync();
        try
        {
            await using var app = await AppHost.StartAsync(kestrel: true, settings: new Dictionary<string, string?>
            {
                ["ConnectionStrings:Marten"] = cluster.ConnectionString() + ";Timeout=3;Command Timeout=5",
                ["Api:RequestsPerSecondPerKey"] = "100000",
            });
            var centre = await app.CentreAsync("440000", "广东省反诈中心");
            await using var wall = await browser.OpenAsync(app, "live/440000");
            await wall.WaitForCircuitAsync();
            var connection = wall.Page.GetByTestId("connection");
            await Assertions.Expect(connection).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("\\blive\\b"));

            var statuses = new ConcurrentDictionary<int, int>();
            var acknowledged = new ConcurrentDictionary<string, Guid>();
            var withoutRetryAfter = 0;
            using var stop = new CancellationTokenSource();
            using var probe = new HttpClient { BaseAddress = app.Address };
            async Task<bool> HealthyAsync() => (await probe.GetAsync("healthz")).StatusCode == HttpStatusCode.OK;

            // Clients report one incident after another; a 503 is retried with the same report once the service says it is healthy.
            async Task ClientAsync(int number)
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    var externalId = $"outage-{number}-{i}";
                    var body = Incident(externalId, "440305", Ago(TimeSpan.FromMinutes(30)));
                    while (!stop.IsCancellationRequested)
                    {
                        using var response = await centre.Http.PostJsonAsync("/api/v1/incidents", body);
                        statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
                        if (response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK)
                        {
                            acknowledged[externalId] = await response.IdOfAsync();
                            break;
                        }
                        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                        if (response.Headers.RetryAfter is null) Interlocked.Increment(ref withoutRetryAfter);
                        await Wait.UntilAsync(async () => stop.IsCancellationRequested || await HealthyAsync(), TimeSpan.FromSeconds(120),
                            "The service did not become healthy again.");
                    }
                }
            }

            var clients = Enumerable.Range(1, 4).Select(n => Task.Run(() => ClientAsync(n))).ToList();
            await Wait.UntilAsync(() => acknowledged.Count >= 100 || clients.Any(c => c.IsFaulted), TimeSpan.FromSeconds(60), "Reports were not acknowledged.");
            if (clients.FirstOrDefault(c => c.IsFaulted) is { } early) await early;

            await cluster.StopAsync();
            var down = Stopwatch.StartNew();
            await Wait.UntilAsync(async () => !await HealthyAsync(), TimeSpan.FromSeconds(30), "/healthz stayed healthy with PostgreSQL stopped.");
            var unhealthyAfter = down.Elapsed;
            await Assertions.Expect(connection).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("\\bstale\\b"), new() { Timeout = 30_000 });
            var staleAfter = down.Elapsed;
            await Wait.UntilAsync(() => statuses.ContainsKey(503) || clients.Any(c => c.IsFaulted), TimeSpan.FromSeconds(30), "No report met the outage.");
            var acknowledgedBefore = acknowledged.Count;

            await cluster.StartAsync();
            var back = Stopwatch.StartNew();
            await Wait.UntilAsync(HealthyAsync, TimeSpan.FromSeconds(60), "/healthz did not recover.");
            var healthyAfter = back.Elapsed;
            await Wait.UntilAsync(() => acknowledged.Count > acknowledgedBefore + 20 || clients.Any(c => c.IsFaulted), TimeSpan.FromSeconds(60),
                "Reports were not acknowledged again after PostgreSQL returned.");
            var reportsAfter = back.Elapsed;
            await Assertions.Expect(connection).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("\\blive\\b"), new() { Timeout = 30_000 });
            var liveAfter = back.Elapsed;

            await stop.CancelAsync();
            await Task.WhenAll(clients);
            Assert.False(statuses.Keys.Any(s => s >= 500 && s != 503), "Answers: " + string.Join(", ", statuses.Select(p => $"{p.Value} × {p.Key}")));
            Assert.Equal(0, withoutRetryAfter);
            foreach (var (externalId, id) in acknowledged)
                Assert.Equal(externalId, (await centre.Http.GetIncidentAsync(id))["externalId"]!.GetValue<string>());

            output.WriteLine($"answers: {string.Join(", ", statuses.OrderBy(p => p.Key).Select(p => $"{p.Value} × {p.Key}"))}; {acknowledged.Count} acknowledged, all stored");
            output.WriteLine($"PostgreSQL stopped: /healthz unhealthy after {unhealthyAfter.TotalSeconds:0.0} s, wall stale after {staleAfter.TotalSeconds:0.0} s");
            output.WriteLine($"PostgreSQL started: /healthz healthy after {healthyAfter.TotalSeconds:0.0} s, reports acknowledged again within {reportsAfter.TotalSeconds:0.0} s, wall live after {liveAfter.TotalSeconds:0.0} s");
        }
        finally
        {
            await cluster.StopAsync();
            Directory.Delete(folder, recursive: true);
        }
    }
}
