using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using AntiFraud.Dashboard.Live;
using AntiFraud.Dashboard.Tests.Harness;
using AntiFraud.Domain.Regions;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static AntiFraud.Dashboard.Tests.Harness.Ingestion;

namespace AntiFraud.Dashboard.Tests.Reliability;

/// <summary>
/// The CI version of the soak (the 30-minute one is <c>Benchmarks -- soak</c>): two minutes of 50 warnings/s, 5 outcomes/s and
/// 1 incident/s over many counties, with 200 hub clients watching the nation, provinces and counties and two signed-in wall screens.
/// What a user would notice is asserted: no refused or failed report, every hub client got every incident, warning and outcome in
/// its subtree exactly once, and the walls are still live and show the last incident. Memory and latency are reported only.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SoakTests(Browser browser, ITestOutputHelper output)
{
    private static readonly TimeSpan Duration = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);
    private const int WarningsPerTick = 5;   // 50/s
    private const int TicksPerOutcome = 2;   // 5/s
    private const int TicksPerIncident = 10; // 1/s
    private const int HubClients = 200;

    private enum Kind { Incident, Warning, Outcome }

    private sealed record Accepted(Kind Kind, Guid Id, RegionCode County, long SentAt);

    [Fact]
    public async Task Two_minutes_of_ten_times_peak_load_lose_nothing_on_200_hub_clients_and_the_walls_stay_live()
    {
        await using var app = await AppHost.StartAsync(kestrel: true);
        var catalog = app.Services.GetRequiredService<RegionCatalog>();
        var centre = await app.CentreAsync("000000", "soak");
        using var http = new HttpClient { BaseAddress = app.Address, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Add(Api.ReportingCentre.HeaderName, centre.Secret);

        // 100 counties spread over the country; clients watch the nation (1 in 10), a province of those counties (3 in 10) or a county.
        var allCounties = catalog.OfTier(RegionTier.County).Select(r => r.Code).ToList();
        var counties = allCounties.Where((_, i) => i % Math.Max(1, allCounties.Count / 100) == 0).Take(100).ToList();
        var provinces = counties.Select(c => catalog.Get(c).Ancestors.First(a => a.Tier == RegionTier.Province).Code).Distinct().ToList();
        var watches = Enumerable.Range(0, HubClients).Select(i => (i % 10) switch
        {
            0 => catalog.Root.Code,
            1 or 2 or 3 => provinces[i % provinces.Count],
            _ => counties[i * 7 % counties.Count],
        }).ToList();

        var clients = new List<HubClient>();
        var recorders = new List<ConcurrentQueue<Receipt>>();
        try
        {
            foreach (var chunk in watches.Chunk(20))
                foreach (var (client, recorder) in await Task.WhenAll(chunk.Select(async region =>
                {
                    var client = await HubClient.ConnectAsync(app.Address!, centre.Secret);
                    var recorder = Record(client);
                    await client.WatchAsync(region.ToString());
                    return (client, recorder);
                })))
                {
                    clients.Add(client);
                    recorders.Add(recorder);
                }

            var province = provinces[0];
            await using var nationalWall = await browser.OpenAsync(app, "live/000000");
            await using var provincialWall = await browser.OpenAsync(app, $"live/{province}");
            foreach (var wall in new[] { nationalWall, provincialWall })
            {
                await wall.WaitForCircuitAsync();
                await Assertions.Expect(wall.Page.GetByTestId("connection")).ToHaveClassAsync(new Regex("\\blive\\b"));
            }

            GC.Collect();
            GC.WaitForPendingFinalizers();
            var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
            var rssBefore = ResidentBytes();

            // The load, paced by a timer; requests run concurrently and are all awaited at the end.
            var accepted = new ConcurrentBag<Accepted>();
            var failures = new ConcurrentQueue<string>();
            var warnings = new ConcurrentQueue<(Guid Id, RegionCode County)>();
            var requests = new List<Task>();
            var started = Stopwatch.GetTimestamp();
            long tick = 0, next = 0;
            using (var timer = new PeriodicTimer(Tick))
            {
                while (Stopwatch.GetElapsedTime(started) < Duration && await timer.WaitForNextTickAsync())
                {
                    for (var w = 0; w < WarningsPerTick; w++)
                    {
                        var county = counties[(int)(next++ % counties.Count)];
                        requests.Add(Task.Run(async () =>
                        {
                            var sent = Stopwatch.GetTimestamp();
                            if (await PostAsync(http, "/api/v1/warnings", Warning(NewExternalId("soak-w"), county.ToString(), Ago(TimeSpan.FromMinutes(2))), failures) is { } id)
                            {
                                accepted.Add(new Accepted(Kind.Warning, id, county, sent));
                                warnings.Enqueue((id, county));
                            }
                        }));
                    }
                    // Outcomes of warnings issued at least 25 warnings earlier, so the warning is surely stored.
                    if (tick % TicksPerOutcome == 0 && warnings.Count > 25 && warnings.TryDequeue(out var warning))
                        requests.Add(Task.Run(async () =>
                        {
                            var sent = Stopwatch.GetTimestamp();
                            if (await PostAsync(http, $"/api/v1/warnings/{warning.Id}/outcomes", Outcome(NewExternalId("soak-o"), "Dissuaded", Ago(TimeSpan.FromMinutes(1))), failures) is not null)
                                accepted.Add(new Accepted(Kind.Outcome, warning.Id, warning.County, sent));
                        }));
                    if (tick++ % TicksPerIncident == 0)
                    {
                        var county = counties[(int)(next++ % counties.Count)];
                        requests.Add(Task.Run(async () =>
                        {
                            var sent = Stopwatch.GetTimestamp();
                            if (await PostAsync(http, "/api/v1/incidents", Incident(NewExternalId("soak-i"), county.ToString(), Ago(TimeSpan.FromMinutes(5))), failures) is { } id)
                                accepted.Add(new Accepted(Kind.Incident, id, county, sent));
                        }));
                    }
                }
            }
            await Task.WhenAll(requests);
            var loadSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;

            // The last word on each wall: an incident in the province, then one elsewhere that only the national wall shows.
            var lastProvincial = await http.CreateAsync("/api/v1/incidents", Incident(NewExternalId("soak-last"), counties.First(c => c.IsWithin(province)).ToString(), Ago(TimeSpan.FromMinutes(1))));
            accepted.Add(new Accepted(Kind.Incident, lastProvincial, counties.First(c => c.IsWithin(province)), Stopwatch.GetTimestamp()));
            var elsewhere = counties.First(c => !c.IsWithin(province));
            var lastNational = await http.CreateAsync("/api/v1/incidents", Incident(NewExternalId("soak-last"), elsewhere.ToString(), Ago(TimeSpan.FromMinutes(1))));
            accepted.Add(new Accepted(Kind.Incident, lastNational, elsewhere, Stopwatch.GetTimestamp()));

            // Final delivery: until each client has received as many messages of these kinds as its subtree had accepted, or 90 s.
            var all = accepted.ToList();
            var expected = clients.Select((c, i) => all.Where(a => a.County.IsWithin(watches[i])).ToList()).ToList();
            try
            {
                await Wait.UntilAsync(() => recorders.Select((r, i) => r.Count >= expected[i].Count).All(x => x), TimeSpan.FromSeconds(90),
                    "Hub clients did not receive everything.");
            }
            catch (TimeoutException)
            {
                // Reported precisely below.
            }

            // Each client: every accepted item of its subtree exactly once, nothing from outside it.
            long lost = 0, duplicates = 0, foreign = 0, backwards = 0;
            var latencies = new List<double>();
            var examples = new List<string>();
            for (var i = 0; i < clients.Count; i++)
            {
                var received = recorders[i].ToList();
                var counts = received.GroupBy(r => (r.Kind, r.Id)).ToDictionary(g => g.Key, g => g.Count());
                duplicates += counts.Values.Sum(n => n - 1);
                var wanted = expected[i].Select(a => (a.Kind, a.Id)).ToHashSet();
                foreign += counts.Keys.Count(k => !wanted.Contains(k) && all.Any(a => (a.Kind, a.Id) == k && !a.County.IsWithin(watches[i])));
                foreach (var item in expected[i])
                {
                    if (!counts.ContainsKey((item.Kind, item.Id)))
                    {
                        lost++;
                        if (examples.Count < 5) examples.Add($"client {i} watching {watches[i]} lacks {item.Kind} {item.Id} in {item.County}");
                    }
                }
                var arrivals = new Dictionary<(Kind, Guid), long>();
                foreach (var r in received) arrivals.TryAdd((r.Kind, r.Id), r.At);
                latencies.AddRange(expected[i].Where(a => arrivals.ContainsKey((a.Kind, a.Id))).Select(a => Stopwatch.GetElapsedTime(a.SentAt, arrivals[(a.Kind, a.Id)]).TotalMilliseconds));
                var sequences = received.Select(r => r.Sequence).ToList();
                backwards += sequences.Zip(sequences.Skip(1)).Count(p => p.Second <= p.First);
            }

            var heapAfter = GC.GetTotalMemory(forceFullCollection: true);
            var rssAfter = ResidentBytes();
            latencies.Sort();
            output.WriteLine($"load: {all.Count(a => a.Kind == Kind.Warning)} warnings, {all.Count(a => a.Kind == Kind.Incident)} incidents, " +
                             $"{all.Count(a => a.Kind == Kind.Outcome)} outcomes accepted in {loadSeconds:0} s ({all.Count / loadSeconds:0}/s); {failures.Count} API errors");
            output.WriteLine($"hub: {clients.Count} clients, {expected.Sum(e => e.Count)} deliveries expected, {lost} lost, {duplicates} duplicates, " +
                             $"{foreign} from outside the watched subtree, {backwards} times a client's sequence went backwards (not asserted)");
            output.WriteLine($"push latency (POST sent → client received): p50 {Pct(latencies, .5):0} ms, p95 {Pct(latencies, .95):0} ms, p99 {Pct(latencies, .99):0} ms, max {(latencies.Count == 0 ? double.NaN : latencies[^1]):0} ms");
            output.WriteLine($"memory of the test process (host + hub clients): managed heap {heapBefore / 1048576.0:0} → {heapAfter / 1048576.0:0} MB, " +
                             $"RSS {rssBefore / 1048576.0:0} → {rssAfter / 1048576.0:0} MB");

            Assert.True(failures.IsEmpty, $"{failures.Count} API errors; first: {string.Join(" | ", failures.Take(3))}");
            Assert.True(lost == 0, $"{lost} deliveries lost: {string.Join("; ", examples)}");
            Assert.Equal(0, duplicates);
            Assert.Equal(0, foreign);
            Assert.All(clients, c => Assert.Equal(Microsoft.AspNetCore.SignalR.Client.HubConnectionState.Connected, c.Connection.State));
            // An extreme bound only: the managed heap holds what 200 clients received (a few tens of MB); a leak per message would show.
            Assert.True(heapAfter - heapBefore < 500L * 1024 * 1024, $"The managed heap grew by {(heapAfter - heapBefore) / 1048576.0:0} MB.");

            foreach (var (wall, last) in new[] { (nationalWall, lastNational), (provincialWall, lastProvincial) })
            {
                await Assertions.Expect(wall.Page.GetByTestId("connection")).ToHaveClassAsync(new Regex("\\blive\\b"));
                await Assertions.Expect(wall.Page.Locator($".ticker-item[data-id='{last}']")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            }
        }
        finally
        {
            await Task.WhenAll(clients.Select(c => c.DisposeAsync().AsTask()));
        }
    }

    private sealed record Receipt(Kind Kind, Guid Id, long Sequence, long At);

    /// <summary>
    /// The incidents, warnings and outcomes a client receives, in order, with when: a second handler on the client's connection
    /// (SignalR calls every handler of a method), since the harness's client keeps messages but not their arrival times.
    /// </summary>
    private static ConcurrentQueue<Receipt> Record(HubClient client)
    {
        var receipts = new ConcurrentQueue<Receipt>();
        client.Connection.On<IncidentReportedMessage>(nameof(ILiveClient.IncidentReported), m => receipts.Enqueue(new Receipt(Kind.Incident, m.Id, m.Sequence, Stopwatch.GetTimestamp())));
        client.Connection.On<WarningIssuedMessage>(nameof(ILiveClient.WarningIssued), m => receipts.Enqueue(new Receipt(Kind.Warning, m.Id, m.Sequence, Stopwatch.GetTimestamp())));
        client.Connection.On<WarningOutcomeMessage>(nameof(ILiveClient.WarningOutcome), m => receipts.Enqueue(new Receipt(Kind.Outcome, m.Id, m.Sequence, Stopwatch.GetTimestamp())));
        return receipts;
    }

    private static async Task<Guid?> PostAsync(HttpClient http, string url, System.Text.Json.Nodes.JsonNode body, ConcurrentQueue<string> failures)
    {
        try
        {
            using var response = await http.PostJsonAsync(url, body);
            if (response.IsSuccessStatusCode) return await response.IdOfAsync();
            failures.Enqueue($"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            failures.Enqueue($"{url}: {e.GetType().Name} {e.Message}");
        }
        return null;
    }

    private static double Pct(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static long ResidentBytes()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
        return 0;
    }
}
