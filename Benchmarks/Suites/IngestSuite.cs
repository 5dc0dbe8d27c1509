using System.Collections.Concurrent;
using System.Diagnostics;
using AntiFraud.Benchmarks.Harness;
using AntiFraud.Benchmarks.Server;
using Npgsql;
using NpgsqlTypes;

namespace AntiFraud.Benchmarks.Suites;

/// <summary>
/// The ingestion API end to end: a throwaway PostgreSQL, the Dashboard as its own process on Kestrel, and HTTP clients in this
/// process. Raw COPY into a plain table gives the ceiling; then single POSTs, batches of 1,000 and the roll-ups' lag.
/// </summary>
public sealed class IngestSuite : IBenchmarkSuite
{
    public string Name => "ingest";
    public string Title => "Ingestion";

    public async Task RunAsync(SuiteContext context)
    {
        var output = context.Output;
        var quick = context.Measurer == Measurer.Quick;
        var singleFor = TimeSpan.FromSeconds(quick ? 4 : 15);
        var batches = quick ? 2 : 10;
        var lagFor = TimeSpan.FromSeconds(quick ? 5 : 15);
        var copyRows = quick ? 5_000 : 20_000;

        await using var server = await DashboardServer.StartAsync();
        output.WriteLine($"Load average before the suite: {LoadAverage()}.");

        // (a) The ceiling: the same JSON bodies copied as jsonb rows into a plain table, binary COPY, one connection.
        double copyPerSecond;
        await using (var connection = await server.OpenDatabaseAsync())
        {
            await using (var create = new NpgsqlCommand("create table copy_ceiling (id uuid primary key, data jsonb not null)", connection))
                await create.ExecuteNonQueryAsync();
            var bodies = Enumerable.Range(0, copyRows).Select(i => Bodies.NewIncident("copy", i)).ToList();
            var started = Stopwatch.GetTimestamp();
            await using (var import = await connection.BeginBinaryImportAsync("copy copy_ceiling (id, data) from stdin (format binary)"))
            {
                foreach (var body in bodies)
                {
                    await import.StartRowAsync();
                    await import.WriteAsync(Guid.NewGuid(), NpgsqlDbType.Uuid);
                    await import.WriteAsync(body, NpgsqlDbType.Jsonb);
                }
                await import.CompleteAsync();
            }
            copyPerSecond = copyRows / Stopwatch.GetElapsedTime(started).TotalSeconds;
        }

        using var http = server.CreateClient();

        // Warm-up: JIT, connection pools, Marten's first-use work. Not counted. The same load as (b) and (c) until the runtime's
        // tiered compiler has finished replacing the first, unoptimised code (as in a server that has been running for a while).
        var warm = await WarmUpAsync(server, http, quick);
        output.WriteLine(warm);

        // (b) Single incidents, 32 clients as fast as they can.
        var cpuBefore = ProcessCpu.Read(server);
        var single = await HammerAsync(http, 32, singleFor, "single");
        var singleCpu = ProcessCpu.Read(server) - cpuBefore;
        var created = single.Created;
        var errors = single.Errors;
        var firstError = single.FirstError;
        var singleElapsed = single.Elapsed.TotalSeconds;
        var sorted = single.Latencies;
        var singlePerSecond = created / singleElapsed;

        // The roll-up backlog left by (b) is worked off first, so the batches are measured from a store that is caught up.
        await using var database = await server.OpenDatabaseAsync();
        var afterSingles = await DrainAsync(database, TimeSpan.FromSeconds(quick ? 30 : 45));

        // (c) Batches of 1,000, one at a time; then (c2) two at a time, as a centre with more to send would post them.
        var bodiesOfBatches = Enumerable.Range(0, batches).Select(BatchBody).ToList();
        cpuBefore = ProcessCpu.Read(server);
        var one = await PostBatchesAsync(http, bodiesOfBatches, inFlight: 1);
        var batchCpu = ProcessCpu.Read(server) - cpuBefore;
        var batchErrors = one.Errors;
        firstError ??= one.FirstError;
        var batchTimes = one.Times;
        var batchPerSecond = (batches - batchErrors) * 1000 / (batchTimes.Sum() / 1000);
        var wallBatch = one.Wall.TotalSeconds;

        var pairs = batches * 2;
        var bodiesOfPairs = Enumerable.Range(batches, pairs).Select(BatchBody).ToList();
        cpuBefore = ProcessCpu.Read(server);
        var two = await PostBatchesAsync(http, bodiesOfPairs, inFlight: 2);
        var pairCpu = ProcessCpu.Read(server) - cpuBefore;
        firstError ??= two.FirstError;
        var pairPerSecond = (pairs - two.Errors) * 1000 / two.Wall.TotalSeconds;

        // The roll-up backlog left by (c) and (c2): how long the async daemon takes to catch up.
        var afterBatches = await DrainAsync(database, TimeSpan.FromSeconds(quick ? 30 : 45));

        // (d) Roll-up lag under a steady rate: 1,000 incidents/s, or 80 % of what (b) reached when that is lower.
        var rate = Math.Min(1000, Math.Floor(singlePerSecond * 0.8 / 50) * 50);
        if (rate < 50) rate = 50;
        var lags = new List<double>();
        var seen = new List<(double At, long High)>();
        long lagErrors = 0;
        using var stop = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        var sampler = Task.Run(async () =>
        {
            await using var sampling = await server.OpenDatabaseAsync();
            while (!stop.IsCancellationRequested)
            {
                var (high, done) = await ProgressAsync(sampling);
                var now = clock.Elapsed.TotalMilliseconds;
                seen.Add((now, high));
                // How long ago the first event the roll-up has not processed yet was seen stored.
                var firstBehind = seen.FirstOrDefault(s => s.High > done);
                lags.Add(done >= high || firstBehind == default ? 0 : now - firstBehind.At);
                try { await Task.Delay(100, stop.Token); } catch (TaskCanceledException) { }
            }
        });
        var (sent, lagElapsed) = await Bodies.PacedAsync(http, rate, lagFor, 32, "steady", (_, _, status, _) =>
        {
            if (status != 201) Interlocked.Increment(ref lagErrors);
        });
        var achieved = sent / lagElapsed.TotalSeconds;
        // Until the roll-up has caught up with the last event of the run, or 30 s.
        var (finalHigh, _) = await ProgressAsync(database);
        var tail = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(tail) < TimeSpan.FromSeconds(30))
        {
            var (_, done) = await ProgressAsync(database);
            if (done >= finalHigh) break;
            await Task.Delay(50);
        }
        var catchUpAfterLast = Stopwatch.GetElapsedTime(tail).TotalMilliseconds;
        await stop.CancelAsync();
        await sampler;
        var lagSorted = lags.Order().ToList();

        output.WriteLine();
        new MarkdownTable("case", "what", "result:", "target", "meets target")
            .Add("(a) ceiling: binary `COPY` into a plain table", $"{Units.Count(copyRows)} jsonb rows, one connection", $"{Units.Count((long)copyPerSecond)} rows/s", "—", "—")
            .Add("(b) single POST `/api/v1/incidents`", $"32 concurrent clients, {singleElapsed:0} s, {Units.Count(created)} created", $"{Units.Count((long)singlePerSecond)} incidents/s", "≥ 1,000/s, no errors", Yes(singlePerSecond >= 1000 && errors == 0))
            .Add("(b) latency p50 / p95 / p99", $"{Units.Count(sorted.Count)} requests, {Units.Count(errors)} errors",
                $"{Percentiles.Ms(Percentiles.Of(sorted, .5))} / {Percentiles.Ms(Percentiles.Of(sorted, .95))} / {Percentiles.Ms(Percentiles.Of(sorted, .99))}",
                "p99 ≤ 50 ms, no errors", Yes(Percentiles.Of(sorted, .99) <= 50 && errors == 0))
            .Add("(c) batch POST `/api/v1/incidents/batch`", $"{batches} × 1,000, one at a time, {batchErrors} errors; a batch took {Percentiles.Ms(batchTimes.Order().ElementAt(batchTimes.Count / 2))} (median)",
                $"{Units.Count((long)batchPerSecond)} events/s", "≥ 10,000/s, no errors", Yes(batchPerSecond >= 10_000 && batchErrors == 0))
            .Add("(b) CPU per incident: Dashboard / PostgreSQL / load generator", $"process CPU time during (b) ÷ {Units.Count(created)} incidents",
                PerIncident(singleCpu, created), "—", "—")
            .Add("(c2) batch POST, two in flight", $"{pairs} × 1,000, two requests at a time, {two.Errors} errors; a batch took {Percentiles.Ms(two.Times.Order().ElementAt(two.Times.Count / 2))} (median)",
                $"{Units.Count((long)pairPerSecond)} events/s", "≥ 10,000/s, no errors", Yes(pairPerSecond >= 10_000 && two.Errors == 0))
            .Add("(c) CPU per incident: Dashboard / PostgreSQL / load generator", $"process CPU time during (c) ÷ {Units.Count((batches - batchErrors) * 1000)} incidents",
                PerIncident(batchCpu, (batches - batchErrors) * 1000), "—", "—")
            .Add("(c2) CPU per incident: Dashboard / PostgreSQL / load generator", $"process CPU time during (c2) ÷ {Units.Count((pairs - two.Errors) * 1000)} incidents",
                PerIncident(pairCpu, (pairs - two.Errors) * 1000), "—", "—")
            .Add("roll-up backlog after (b)", afterSingles.Describe("(b)"), afterSingles.Rate, "—", "—")
            .Add("roll-up backlog after (c) and (c2)", afterBatches.Describe("(c2)"), afterBatches.Rate, "—", "—")
            .Add("(d) roll-up lag p50 / p95 / max", $"{achieved:0} incidents/s for {lagElapsed.TotalSeconds:0} s (asked {rate:0}/s), {Units.Count(lagErrors)} errors, sampled every 100 ms",
                $"{Percentiles.Ms(Percentiles.Of(lagSorted, .5))} / {Percentiles.Ms(Percentiles.Of(lagSorted, .95))} / {Percentiles.Ms(lagSorted.Count == 0 ? double.NaN : lagSorted[^1])}",
                "≤ 2 s behind at 1,000/s", rate < 1000 ? $"not tested at 1,000/s ({Yes(lagSorted.Count > 0 && lagSorted[^1] <= 2000)} at {achieved:0}/s)" : Yes(lagSorted.Count > 0 && lagSorted[^1] <= 2000))
            .Add("(d) roll-up caught up after the last POST", "last event stored → roll-up position reaches it", Percentiles.Ms(catchUpAfterLast), "—", "—")
            .WriteTo(output);
        output.WriteLine();
        output.WriteLine($"Wall time of (c): {wallBatch:0.0} s. Load average after the suite: {LoadAverage()}.");
        if (firstError is not null) output.WriteLine($"First error: {firstError}");
    }

    private sealed record Drained(long Backlog, double Seconds, bool CaughtUp)
    {
        public string Describe(string phase) => $"{Units.Count(Backlog)} events behind when {phase} ended{(CaughtUp ? "" : ", not caught up in time")}";
        public string Rate => $"{Seconds:0.0} s to catch up ({Units.Count((long)(Backlog / Math.Max(Seconds, 0.001)))} events/s)";
    }

    /// <summary>Waits until the roll-up projection has reached the event store's high-water mark, or the limit has passed.</summary>
    private static async Task<Drained> DrainAsync(NpgsqlConnection database, TimeSpan limit)
    {
        var (high, done) = await ProgressAsync(database);
        var start = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(start) < limit)
        {
            var (nowHigh, nowDone) = await ProgressAsync(database);
            if (nowDone >= nowHigh) return new Drained(high - done, Stopwatch.GetElapsedTime(start).TotalSeconds, true);
            await Task.Delay(100);
        }
        return new Drained(high - done, Stopwatch.GetElapsedTime(start).TotalSeconds, false);
    }

    private sealed record Batches(List<double> Times, long Errors, string? FirstError, TimeSpan Wall);

    /// <summary>Posts the bodies to the batch endpoint with <paramref name="inFlight"/> requests at a time; times are per request.</summary>
    private static async Task<Batches> PostBatchesAsync(HttpClient http, IReadOnlyList<string> bodies, int inFlight)
    {
        var times = new List<double>();
        long errors = 0;
        string? firstError = null;
        var next = -1;
        var start = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, inFlight).Select(async _ =>
        {
            for (var b = Interlocked.Increment(ref next); b < bodies.Count; b = Interlocked.Increment(ref next))
            {
                var before = Stopwatch.GetTimestamp();
                using var response = await http.PostAsync("api/v1/incidents/batch", Bodies.Json(bodies[b]));
                var text = await response.Content.ReadAsStringAsync();
                lock (times)
                {
                    times.Add(Stopwatch.GetElapsedTime(before).TotalMilliseconds);
                    if ((int)response.StatusCode != 200) { errors++; firstError ??= $"batch: {(int)response.StatusCode} {Short(text)}"; }
                }
            }
        }));
        return new Batches(times, errors, firstError, Stopwatch.GetElapsedTime(start));
    }

    private sealed record Hammered(long Created, long Errors, string? FirstError, List<double> Latencies, TimeSpan Elapsed);

    /// <summary><paramref name="clients"/> clients posting single incidents as fast as answers come, for <paramref name="duration"/>.</summary>
    private static async Task<Hammered> HammerAsync(HttpClient http, int clients, TimeSpan duration, string prefix)
    {
        var latencies = new ConcurrentBag<double>();
        long created = 0, errors = 0, next = 0;
        string? firstError = null;
        var start = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            while (Stopwatch.GetElapsedTime(start) < duration)
            {
                var body = Bodies.NewIncident(prefix, Interlocked.Increment(ref next));
                var before = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.PostAsync("api/v1/incidents", Bodies.Json(body));
                    var text = await response.Content.ReadAsStringAsync();
                    latencies.Add(Stopwatch.GetElapsedTime(before).TotalMilliseconds);
                    if ((int)response.StatusCode == 201) Interlocked.Increment(ref created);
                    else { Interlocked.Increment(ref errors); firstError ??= $"{(int)response.StatusCode} {Short(text)}"; }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    Interlocked.Increment(ref errors);
                    firstError ??= e.Message;
                }
            }
        })));
        return new Hammered(created, errors, firstError, latencies.Order().ToList(), Stopwatch.GetElapsedTime(start));
    }

    private static string BatchBody(int b) =>
        "[" + string.Join(",", Enumerable.Range(0, 1000).Select(i => Bodies.NewIncident($"batch{b}", i))) + "]";

    /// <summary>
    /// Rounds of two seconds of (b)'s load and one batch of 1,000, until the Dashboard's tiered-compilation thread has been nearly
    /// idle (under 2.5 % of a core) for two rounds in a row; at most 90 s (10 s with <c>--quick</c>).
    /// </summary>
    private static async Task<string> WarmUpAsync(DashboardServer server, HttpClient http, bool quick)
    {
        var limit = TimeSpan.FromSeconds(quick ? 10 : 90);
        var round = TimeSpan.FromSeconds(2);
        var start = Stopwatch.GetTimestamp();
        long requests = 0;
        var quietRounds = 0;
        var rounds = 0;
        var jitShare = double.NaN;
        while (Stopwatch.GetElapsedTime(start) < limit && quietRounds < 2)
        {
            var before = ProcessCpu.Read(server);
            var roundStart = Stopwatch.GetTimestamp();
            requests += (await HammerAsync(http, 32, round, $"warm{rounds}")).Created;
            using (var response = await http.PostAsync("api/v1/incidents/batch", Bodies.Json(BatchBody(1000 + rounds))))
                if (response.IsSuccessStatusCode) requests += 1000;
            // The runtime ends an idle compilation thread (taking its CPU time with it), hence the floor at zero.
            jitShare = Math.Max(0, (ProcessCpu.Read(server) - before).TieredCompilation / Stopwatch.GetElapsedTime(roundStart));
            quietRounds = jitShare < 0.025 ? quietRounds + 1 : 0;
            rounds++;
        }
        return $"Warm-up: {Stopwatch.GetElapsedTime(start).TotalSeconds:0} s, {Units.Count(requests)} incidents stored; the tiered JIT used " +
               $"{jitShare:P1} of a core in the last round{(quietRounds >= 2 ? "" : " (still compiling when the warm-up limit was reached)")}.";
    }

    private static string PerIncident(ProcessCpu.Sample cpu, long incidents) => incidents <= 0 ? "—" :
        $"{Ms(cpu.Dashboard, incidents)} / {Ms(cpu.Database, incidents)} / {Ms(cpu.LoadGenerator, incidents)}";

    private static string Ms(TimeSpan total, long count) => Percentiles.Ms(total.TotalMilliseconds / count);

    /// <summary>The event store's high-water mark and the slowest async projection's position.</summary>
    public static async Task<(long High, long Done)> ProgressAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand(
            $"select coalesce((select max(seq_id) from {DashboardServer.Schema}.mt_events), 0), " +
            $"coalesce((select min(last_seq_id) from {DashboardServer.Schema}.mt_event_progression where name not like 'HighWater%'), 0)", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" / ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static string Yes(bool met) => met ? "yes" : "no";

    private static string Short(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
