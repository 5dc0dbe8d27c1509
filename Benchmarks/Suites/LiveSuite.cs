using System.Collections.Concurrent;
using System.Diagnostics;
using AntiFraud.Benchmarks.Harness;
using AntiFraud.Benchmarks.Server;
using AntiFraud.Dashboard.Live;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace AntiFraud.Benchmarks.Suites
{
    /// <summary>
    /// Live push end to end: hub clients in this process connected to <c>/hubs/live</c> of the Dashboard running as its own process,
    /// incidents posted at a steady rate, and the time from sending each POST to each client receiving its <c>IncidentReported</c>.
    /// </summary>
    public sealed class LiveSuite : IBenchmarkSuite
    {
        public string Name => "live";
        public string Title => "Live push";

        public async Task RunAsync(SuiteContext context)
        {
            var output = context.Output;
            var quick = context.Measurer == Measurer.Quick;
            int[] sizes = quick ? [50] : [200, 1000];
            var sendFor = TimeSpan.FromSeconds(quick ? 5 : 20);
            const double rate = 100;

            await using var server = await DashboardServer.StartAsync();
            output.WriteLine($"Load average before the suite: {IngestSuite.LoadAverage()}.");
            using var http = server.CreateClient();
            // Warm-up of the API and the push path with one client.
            await using (var warm = await Client.ConnectAsync(server.Address, server.ApiKey, "000000"))
                await Bodies.PacedAsync(http, 50, TimeSpan.FromSeconds(quick ? 1 : 3), 4, "warm", (_, _, _, _) => { });

            var table = new MarkdownTable("hub clients", "incidents sent", "messages expected", "received", "lost:", "p50:", "p95:", "p99:", "max:",
                "POST p50:", "server RSS before → after connecting", "per client:", "target", "meets target");
            foreach (var size in sizes)
            {
                await Task.Delay(TimeSpan.FromSeconds(2));
                var rssBefore = server.ResidentBytes();
                var clients = new Client[size];
                var connectStart = Stopwatch.GetTimestamp();
                string? failure = null;
                try
                {
                    using var gate = new SemaphoreSlim(32);
                    await Task.WhenAll(Enumerable.Range(0, size).Select(async i =>
                    {
                        await gate.WaitAsync();
                        try { clients[i] = await Client.ConnectAsync(server.Address, server.ApiKey, i % 2 == 0 ? "000000" : "440000"); }
                        finally { gate.Release(); }
                    }));
                }
                catch (Exception e) when (e is HttpRequestException or InvalidOperationException or TimeoutException or System.Net.WebSockets.WebSocketException)
                {
                    failure = e.Message;
                }
                var connectSeconds = Stopwatch.GetElapsedTime(connectStart).TotalSeconds;
                await Task.Delay(TimeSpan.FromSeconds(2));
                var rssAfter = server.ResidentBytes();
                var connected = clients.Where(c => c is not null).ToList();

                try
                {
                    if (failure is not null)
                    {
                        output.WriteLine($"{size} clients: only {connected.Count} connected in {connectSeconds:0.0} s ({failure}).");
                        if (connected.Count == 0) continue;
                    }

                    var sentAt = new ConcurrentDictionary<Guid, long>();
                    var postTimes = new ConcurrentBag<double>();
                    long postErrors = 0;
                    var (requests, _) = await Bodies.PacedAsync(http, rate, sendFor, 16, $"live{size}", (_, before, status, body) =>
                    {
                        postTimes.Add(Stopwatch.GetElapsedTime(before).TotalMilliseconds);
                        if (status == 201) sentAt[Bodies.IdOf(body)] = before;
                        else Interlocked.Increment(ref postErrors);
                    });

                    // Stragglers: until every client has every incident, or 15 s.
                    var expected = sentAt.Count;
                    var wait = Stopwatch.GetTimestamp();
                    while (Stopwatch.GetElapsedTime(wait) < TimeSpan.FromSeconds(15) &&
                           connected.Any(c => c.Count(sentAt) < expected))
                        await Task.Delay(200);

                    var latencies = new List<double>(expected * connected.Count);
                    long lost = 0;
                    foreach (var client in connected)
                    {
                        var got = client.Snapshot();
                        foreach (var (id, sent) in sentAt)
                        {
                            if (got.TryGetValue(id, out var at)) latencies.Add(Stopwatch.GetElapsedTime(sent, at).TotalMilliseconds);
                            else lost++;
                        }
                    }
                    latencies.Sort();
                    var posts = postTimes.Order().ToList();
                    var p95 = Percentiles.Of(latencies, .95);
                    var p99 = Percentiles.Of(latencies, .99);
                    var perClient = (rssAfter - rssBefore) / (double)connected.Count;
                    table.Add(
                        Units.Count(connected.Count) + (connected.Count < size ? $" of {size}" : ""),
                        $"{Units.Count(expected)} at {rate:0}/s ({postErrors} errors)",
                        Units.Count((long)expected * connected.Count),
                        Units.Count(latencies.Count),
                        Units.Count(lost),
                        Percentiles.Ms(Percentiles.Of(latencies, .5)),
                        Percentiles.Ms(p95),
                        Percentiles.Ms(p99),
                        Percentiles.Ms(latencies.Count == 0 ? double.NaN : latencies[^1]),
                        Percentiles.Ms(Percentiles.Of(posts, .5)),
                        $"{Units.Allocated(rssBefore)} → {Units.Allocated(rssAfter)} (connected in {connectSeconds:0.0} s)",
                        Units.Allocated(perClient),
                        "p95 ≤ 150 ms, p99 ≤ 300 ms",
                        p95 <= 150 && p99 <= 300 && lost == 0 ? "yes" : "no");
                }
                finally
                {
                    await Task.WhenAll(connected.Select(c => c.DisposeAsync().AsTask()));
                }
            }
            output.WriteLine();
            table.WriteTo(output);
            output.WriteLine();
            output.WriteLine($"Load average after the suite: {IngestSuite.LoadAverage()}.");
        }

        /// <summary>One hub client that notes when each incident arrives.</summary>
        private sealed class Client : IAsyncDisposable
        {
            private readonly HubConnection _connection;
            private readonly Dictionary<Guid, long> _arrived = [];

            private Client(HubConnection connection)
            {
                _connection = connection;
                connection.On<IncidentReportedMessage>(nameof(ILiveClient.IncidentReported), m =>
                {
                    var now = Stopwatch.GetTimestamp();
                    lock (_arrived) _arrived.TryAdd(m.Id, now);
                });
                connection.On<FiguresChangedMessage>(nameof(ILiveClient.FiguresChanged), _ => { });
                connection.On<WarningIssuedMessage>(nameof(ILiveClient.WarningIssued), _ => { });
                connection.On<WarningOutcomeMessage>(nameof(ILiveClient.WarningOutcome), _ => { });
            }

            public static async Task<Client> ConnectAsync(Uri server, string apiKey, string region)
            {
                var connection = new HubConnectionBuilder()
                    .WithUrl(new Uri(server, "hubs/live"), o =>
                    {
                        o.Transports = HttpTransportType.WebSockets;
                        o.SkipNegotiation = true;
                        // Machines on the hub sign in with their API key.
                        o.Headers["X-Api-Key"] = apiKey;
                    })
                    .Build();
                connection.ServerTimeout = TimeSpan.FromSeconds(120);
                var client = new Client(connection);
                await connection.StartAsync();
                await connection.InvokeAsync<string>("Watch", region);
                return client;
            }

            public int Count(ConcurrentDictionary<Guid, long> of)
            {
                lock (_arrived) return of.Keys.Count(_arrived.ContainsKey);
            }

            public Dictionary<Guid, long> Snapshot()
            {
                lock (_arrived) return new Dictionary<Guid, long>(_arrived);
            }

            public async ValueTask DisposeAsync() => await _connection.DisposeAsync();
        }
    }
}
