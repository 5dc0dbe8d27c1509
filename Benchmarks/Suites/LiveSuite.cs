using System.Collections.Concurrent;
using System.Diagnostics;
using AntiFraud.Benchmarks.Harness;
using AntiFraud.Benchmarks.Server;
using System.Buffers.Text;
using System.Net.WebSockets;
using System.Text;

namespace AntiFraud.Benchmarks.Suites
{
    /// <summary>
    /// Live push end to end: hub clients in this process connected to <c>/hubs/live</c> of the Dashboard running as its own process,
    /// incidents posted at a steady rate, and for each client and incident the time from the commit (the message's <c>committedAt</c>,
    /// stamped by the server when it sees the commit; same machine, same clock) to the client receiving its <c>IncidentReported</c>.
    /// Beside it: from sending the POST (which adds the POST's own work up to its commit) and from reading the POST's answer.
    /// </summary>
    public sealed class LiveSuite : IBenchmarkSuite
    {
        public string Name => "live";
        public string Title => "Live push";

        public async Task RunAsync(SuiteContext context)
        {
            var output = context.Output;
            var quick = context.Measurer == Measurer.Quick;
            // The first round warms the Dashboard's push path up (its tiered JIT was still compiling a fifth of the time during the
            // first 200-client round without it) and is not reported.
            (int Size, bool Measured)[] rounds = quick ? [(50, true)] : [(200, false), (200, true), (1000, true)];
            var sendFor = TimeSpan.FromSeconds(quick ? 5 : 20);
            const double rate = 100;

            await using var server = await DashboardServer.StartAsync();
            output.WriteLine($"Load average before the suite: {IngestSuite.LoadAverage()}.");
            using var http = server.CreateClient();
            // Warm-up of the API and the push path with one client.
            await using (var warm = await Client.ConnectAsync(server.Address, server.ApiKey, "000000"))
                await Bodies.PacedAsync(http, 50, TimeSpan.FromSeconds(quick ? 1 : 3), 4, "warm", (_, _, _, _) => { });

            var table = new MarkdownTable("hub clients", "incidents sent", "messages expected", "received", "lost:", "commit → received p50:", "p95:", "p99:", "max:",
                "POST sent → received p50 / p95 / p99", "POST answered → received p50 / p95 / p99", "POST p50:", "server RSS before → after connecting", "per client:", "target", "meets target");
            foreach (var (size, measured) in rounds)
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

                    var cpuBefore = ProcessCpu.Read(server);
                    var sentAt = new ConcurrentDictionary<Guid, (long Sent, long Answered)>();
                    var postTimes = new ConcurrentBag<double>();
                    long postErrors = 0;
                    var (requests, _) = await Bodies.PacedAsync(http, rate, sendFor, 16, $"live{size}", (_, before, status, body) =>
                    {
                        var answered = Stopwatch.GetTimestamp();
                        postTimes.Add(Stopwatch.GetElapsedTime(before, answered).TotalMilliseconds);
                        if (status == 201) sentAt[Bodies.IdOf(body)] = (before, answered);
                        else Interlocked.Increment(ref postErrors);
                    });

                    var cpu = ProcessCpu.Read(server) - cpuBefore;
                    var (reads, records) = (connected.Sum(c => Interlocked.Read(ref c.Reads)), connected.Sum(c => Interlocked.Read(ref c.Records)));
                    var seconds = sendFor.TotalSeconds;
                    output.WriteLine($"{size} clients{(measured ? "" : " (warm-up, not reported)")}: CPU while posting, in cores: Dashboard {cpu.Dashboard.TotalSeconds / seconds:0.00}, PostgreSQL {cpu.Database.TotalSeconds / seconds:0.00}, " +
                                     $"benchmark process (hub clients and POSTs) {cpu.LoadGenerator.TotalSeconds / seconds:0.00}, of 2; " +
                                     $"{records / (double)Math.Max(1, reads):0.00} hub messages per WebSocket read; server RSS {Units.Allocated(rssBefore)} → " +
                                     $"{Units.Allocated(rssAfter)} on connecting ({Units.Allocated((rssAfter - rssBefore) / (double)connected.Count)} a client; after the " +
                                     "first round the heap has room already, so later rounds understate it).");
                    // Stragglers: until every client has every incident, or 15 s.
                    var expected = sentAt.Count;
                    var wait = Stopwatch.GetTimestamp();
                    while (Stopwatch.GetElapsedTime(wait) < TimeSpan.FromSeconds(15) &&
                           connected.Any(c => c.Count(sentAt) < expected))
                        await Task.Delay(200);

                    if (!measured) continue;
                    var latencies = new List<double>(expected * connected.Count);
                    var afterAnswer = new List<double>(expected * connected.Count);
                    var fromCommit = new List<double>(expected * connected.Count);
                    long lost = 0;
                    foreach (var client in connected)
                    {
                        var got = client.Snapshot();
                        foreach (var (id, (sent, answered)) in sentAt)
                        {
                            if (got.TryGetValue(id, out var arrival))
                            {
                                latencies.Add(Stopwatch.GetElapsedTime(sent, arrival.At).TotalMilliseconds);
                                afterAnswer.Add(Stopwatch.GetElapsedTime(answered, arrival.At).TotalMilliseconds);
                                if (!double.IsNaN(arrival.FromCommitMs)) fromCommit.Add(arrival.FromCommitMs);
                            }
                            else lost++;
                        }
                    }
                    latencies.Sort();
                    afterAnswer.Sort();
                    fromCommit.Sort();
                    var posts = postTimes.Order().ToList();
                    var p95 = Percentiles.Of(fromCommit, .95);
                    var p99 = Percentiles.Of(fromCommit, .99);
                    var perClient = (rssAfter - rssBefore) / (double)connected.Count;
                    table.Add(
                        Units.Count(connected.Count) + (connected.Count < size ? $" of {size}" : ""),
                        $"{Units.Count(expected)} at {rate:0}/s ({postErrors} errors)",
                        Units.Count((long)expected * connected.Count),
                        Units.Count(latencies.Count),
                        Units.Count(lost),
                        Percentiles.Ms(Percentiles.Of(fromCommit, .5)),
                        Percentiles.Ms(p95),
                        Percentiles.Ms(p99),
                        Percentiles.Ms(fromCommit.Count == 0 ? double.NaN : fromCommit[^1]),
                        $"{Percentiles.Ms(Percentiles.Of(latencies, .5))} / {Percentiles.Ms(Percentiles.Of(latencies, .95))} / {Percentiles.Ms(Percentiles.Of(latencies, .99))}",
                        $"{Percentiles.Ms(Percentiles.Of(afterAnswer, .5))} / {Percentiles.Ms(Percentiles.Of(afterAnswer, .95))} / {Percentiles.Ms(Percentiles.Of(afterAnswer, .99))}",
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

        /// <summary>
        /// One hub client that notes when each incident arrives. It speaks SignalR's JSON hub protocol over a plain WebSocket (handshake,
        /// <c>Watch</c>, pings) and reads only the target and the id of what it receives, so that a thousand of them in this process
        /// cost little next to the server they measure (the full .NET client deserialises every message into objects).
        /// </summary>
        private sealed class Client : IAsyncDisposable
        {
            private const byte Separator = 0x1e;
            private static readonly byte[] IncidentTarget = "\"target\":\"IncidentReported\""u8.ToArray();
            private static readonly byte[] IdProperty = "\"id\":\""u8.ToArray();
            private static readonly byte[] CommittedProperty = "\"committedAt\":\""u8.ToArray();
            private readonly ClientWebSocket _socket = new();
            private readonly Dictionary<Guid, (long At, double FromCommitMs)> _arrived = [];
            private readonly CancellationTokenSource _stop = new();
            private readonly TaskCompletionSource<string> _watched = new(TaskCreationOptions.RunContinuationsAsynchronously);
            private Task _receiving = Task.CompletedTask;
            private Task _pinging = Task.CompletedTask;

            /// <summary>WebSocket reads and hub messages received: how many messages the server put in each frame.</summary>
            public long Reads, Records;

            public static async Task<Client> ConnectAsync(Uri server, string apiKey, string region)
            {
                var client = new Client();
                client._socket.Options.SetRequestHeader("X-Api-Key", apiKey);
                client._socket.Options.KeepAliveInterval = Timeout.InfiniteTimeSpan;
                var address = new UriBuilder(new Uri(server, "hubs/live")) { Scheme = "ws" }.Uri;
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
                await client._socket.ConnectAsync(address, timeout.Token);
                await client.SendAsync("{\"protocol\":\"json\",\"version\":1}\u001e");
                client._receiving = Task.Run(client.ReceiveAsync);
                await client.SendAsync("{\"type\":1,\"invocationId\":\"1\",\"target\":\"Watch\",\"arguments\":[\"" + region + "\"]}\u001e");
                var answer = await client._watched.Task.WaitAsync(timeout.Token);
                if (answer.Contains("\"error\"", StringComparison.Ordinal)) throw new InvalidOperationException("Watch refused: " + answer);
                client._pinging = Task.Run(client.PingAsync);
                return client;
            }

            private Task SendAsync(string text) =>
                _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, _stop.Token);

            private async Task PingAsync()
            {
                // The server closes a connection it has not heard from for 30 s.
                using var timer = new PeriodicTimer(TimeSpan.FromSeconds(10));
                try
                {
                    while (await timer.WaitForNextTickAsync(_stop.Token)) await SendAsync("{\"type\":6}\u001e");
                }
                catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException) { }
            }

            private async Task ReceiveAsync()
            {
                var buffer = new byte[64 * 1024];
                var filled = 0;
                try
                {
                    while (!_stop.IsCancellationRequested)
                    {
                        if (filled == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
                        var result = await _socket.ReceiveAsync(buffer.AsMemory(filled), _stop.Token);
                        if (result.MessageType == WebSocketMessageType.Close) return;
                        var now = (Stopwatch.GetTimestamp(), DateTimeOffset.UtcNow);
                        Reads++;
                        filled += result.Count;
                        var start = 0;
                        int end;
                        while ((end = Array.IndexOf(buffer, Separator, start, filled - start)) >= 0)
                        {
                            Records++;
                            Handle(buffer.AsSpan(start, end - start), now);
                            start = end + 1;
                        }
                        Buffer.BlockCopy(buffer, start, buffer, 0, filled - start);
                        filled -= start;
                    }
                }
                catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException) { }
                finally
                {
                    _watched.TrySetException(new InvalidOperationException("The hub connection closed before Watch was answered."));
                }
            }

            private void Handle(ReadOnlySpan<byte> record, (long Timestamp, DateTimeOffset Clock) now)
            {
                if (record.IndexOf(IncidentTarget) >= 0)
                {
                    var at = record.IndexOf(IdProperty);
                    if (at < 0 || !Utf8Parser.TryParse(record[(at + IdProperty.Length)..], out Guid id, out _)) return;
                    // The server stamps each message when it sees the commit (same machine, same clock).
                    var committed = record.IndexOf(CommittedProperty);
                    var fromCommit = committed >= 0 && TimeOfDay(record[(committed + CommittedProperty.Length)..]) is { } stamped
                        ? ((now.Clock.UtcDateTime.TimeOfDay - stamped).TotalMilliseconds + 86_400_000) % 86_400_000
                        : double.NaN;
                    lock (_arrived) _arrived.TryAdd(id, (now.Timestamp, fromCommit));
                }
                else if (record.IndexOf("\"invocationId\":\"1\""u8) >= 0)
                {
                    _watched.TrySetResult(Encoding.UTF8.GetString(record));
                }
            }

            /// <summary>
            /// The UTC time of day of an ISO-8601 UTC timestamp as the server writes it (<c>2026-11-26T01:02:03.4567891+00:00</c>,
            /// fraction trimmed), read without allocating: a thousand clients read a hundred thousand of them a second.
            /// </summary>
            private static TimeSpan? TimeOfDay(ReadOnlySpan<byte> text)
            {
                if (text.Length < 19 || text[10] != (byte)'T') return null;
                static int Two(ReadOnlySpan<byte> t, int at) => (t[at] - '0') * 10 + (t[at + 1] - '0');
                long ticks = TimeSpan.TicksPerHour * Two(text, 11) + TimeSpan.TicksPerMinute * Two(text, 14) + TimeSpan.TicksPerSecond * Two(text, 17);
                if (text.Length > 20 && text[19] == (byte)'.')
                {
                    var scale = TimeSpan.TicksPerSecond / 10;
                    for (var i = 20; i < text.Length && text[i] is >= (byte)'0' and <= (byte)'9' && scale > 0; i++, scale /= 10) ticks += (text[i] - '0') * scale;
                }
                return TimeSpan.FromTicks(ticks);
            }

            public int Count(ConcurrentDictionary<Guid, (long Sent, long Answered)> of)
            {
                lock (_arrived) return of.Keys.Count(_arrived.ContainsKey);
            }

            public Dictionary<Guid, (long At, double FromCommitMs)> Snapshot()
            {
                lock (_arrived) return new Dictionary<Guid, (long, double)>(_arrived);
            }

            public async ValueTask DisposeAsync()
            {
                try
                {
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                    if (_socket.State == WebSocketState.Open) await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
                }
                catch (Exception e) when (e is OperationCanceledException or WebSocketException) { }
                await _stop.CancelAsync();
                await Task.WhenAll(_receiving, _pinging);
                _socket.Dispose();
                _stop.Dispose();
            }
        }
    }
}
