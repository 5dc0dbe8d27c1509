using System.Diagnostics;
using System.Globalization;
using AntiFraud.Benchmarks.Harness;
using AntiFraud.Benchmarks.Server;
using AntiFraud.Benchmarks.Soak;
using AntiFraud.Domain.Regions;
using Microsoft.Playwright;

namespace AntiFraud.Benchmarks.Suites;

/// <summary>
/// The reliability soak: ten times the national peak (about 100 warnings/s, 1 incident/s and 10 call-back outcomes/s over many
/// counties) for N minutes (<c>--minutes N</c>, 30 by default, 2 with <c>--quick</c>) against the Dashboard as its own process,
/// with 200 hub clients (WebSockets, API key) watching the nation, provinces and counties and 10 signed-in Chromium wall screens.
/// Per minute: the Dashboard's RSS, deliveries, losses, push latency (POST sent → hub client received) and API errors.
/// </summary>
public sealed class SoakSuite : IBenchmarkSuite
{
    public string Name => "soak";
    public string Title => "Soak (reliability)";

    private const int HubClients = 200;
    private const int Screens = 10;
    private const int WarningsPerTick = 10;     // every 100 ms: 100/s
    private const int OutcomesPerTick = 1;      // 10/s
    private const int TicksPerIncident = 10;    // 1/s
    private const int Counties = 300;
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    public async Task RunAsync(SuiteContext context)
    {
        var output = context.Output;
        var quick = context.Measurer == Measurer.Quick;
        var minutes = MinutesArgument() ?? (quick ? 2 : 30);
        var catalog = RegionCatalog.Load();

        // Counties spread over the whole country; clients watch the nation (1 in 10), provinces of those counties (3 in 10) or
        // one of those counties (6 in 10); screens show the nation and nine provinces.
        var allCounties = catalog.OfTier(RegionTier.County).Select(r => r.Code).ToList();
        var step = Math.Max(1, allCounties.Count / Counties);
        var counties = allCounties.Where((_, i) => i % step == 0).Take(Counties).ToList();
        var provinces = counties.Select(c => catalog.Get(c).Ancestors.First(a => a.Tier == RegionTier.Province).Code).Distinct().ToList();
        var watches = Enumerable.Range(0, HubClients).Select(i => (i % 10) switch
        {
            0 => catalog.Root.Code,
            1 or 2 or 3 => provinces[i % provinces.Count],
            _ => counties[i * 7 % counties.Count],
        }).ToList();
        var screenRegions = new[] { catalog.Root.Code }.Concat(provinces.Take(Screens - 1)).ToList();

        output.WriteLine($"{minutes} min at {WarningsPerTick * 10} warnings/s, {10.0 / TicksPerIncident:0.#} incident/s and {OutcomesPerTick * 10} outcomes/s " +
                         $"over {counties.Count} counties in {provinces.Count} provinces; {HubClients} hub clients " +
                         $"({watches.Count(w => w.Tier == RegionTier.National)} nation, {watches.Count(w => w.Tier == RegionTier.Province)} province, " +
                         $"{watches.Count(w => w.Tier == RegionTier.County)} county); {Screens} Chromium wall screens. Latency: POST sent → hub client received.");

        await using var server = await DashboardServer.StartAsync();
        output.WriteLine($"Load average before the suite: {IngestSuite.LoadAverage()}.");
        var password = await WallScreens.CreateUserAsync(server, "soak");
        using var http = server.CreateClient();
        var ledger = new SoakLedger(minutes, watches);

        // Warm-up: a few seconds of the same load, not counted (separate ledger, no clients).
        var warmLedger = new SoakLedger(1, []);
        await LoadAsync(http, warmLedger, counties, TimeSpan.FromSeconds(quick ? 5 : 15), null, CancellationToken.None);

        var clients = new SoakHubClient[HubClients];
        using (var gate = new SemaphoreSlim(16))
            await Task.WhenAll(Enumerable.Range(0, HubClients).Select(async i =>
            {
                await gate.WaitAsync();
                try { clients[i] = await SoakHubClient.ConnectAsync(server.Address, server.ApiKey, watches[i], ledger); }
                finally { gate.Release(); }
            }));

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await WallScreens.LaunchAsync(playwright);
        var browserContext = await WallScreens.NewContextAsync(browser, server);
        var pages = new List<IPage>();
        foreach (var region in screenRegions)
        {
            var page = await browserContext.NewPageAsync();
            page.SetDefaultTimeout(30_000);
            if (pages.Count == 0) await WallScreens.SignInAsync(page, "soak", password, $"live/{region}");
            else await page.GotoAsync($"live/{region}");
            await page.Locator("main[data-circuit=ready]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
            pages.Add(page);
        }

        var rss = new long[minutes];
        var screensLive = new int[minutes];
        var rssAtStart = server.ResidentBytes();
        var started = Stopwatch.GetTimestamp();
        try
        {
            await LoadAsync(http, ledger, counties, TimeSpan.FromMinutes(minutes), async interval =>
            {
                rss[interval] = server.ResidentBytes();
                screensLive[interval] = await WallScreens.LiveCountAsync(pages);
                foreach (var client in clients) client.ResolvePending();
                Console.Error.WriteLine($"soak: minute {interval + 1}/{minutes}, RSS {Units.Allocated(rss[interval])}, delivered {Units.Count(ledger.UniqueDeliveries)} " +
                                        $"of {Units.Count(ledger.ExpectedDeliveries)}, errors {ledger.Errors.Sum()}, screens live {screensLive[interval]}/{pages.Count}");
            }, CancellationToken.None);
            var elapsed = Stopwatch.GetElapsedTime(started);

            // The last word on each screen: one incident per screen's region, the nation's last.
            var finals = new List<(IPage Page, Guid Id)>();
            for (var s = screenRegions.Count - 1; s >= 0; s--)
            {
                var region = screenRegions[s];
                var county = counties.First(c => c.IsWithin(region));
                var id = await PostIncidentAsync(http, ledger, county, minutes - 1, "soak-final");
                if (id is { } finalId) finals.Add((pages[s], finalId));
            }

            // Final delivery: until every client has everything it watches, or 60 s.
            var drain = Stopwatch.GetTimestamp();
            while (ledger.UniqueDeliveries < ledger.ExpectedDeliveries && Stopwatch.GetElapsedTime(drain) < TimeSpan.FromSeconds(60))
                await Task.Delay(250);
            var drainSeconds = Stopwatch.GetElapsedTime(drain).TotalSeconds;
            foreach (var client in clients) client.ResolvePending();

            // Losses, per interval of the POST: each client against every accepted item in its subtree.
            var lost = new long[minutes];
            var posted = ledger.Posted.ToList();
            foreach (var client in clients)
                foreach (var item in posted)
                    if (item.County.IsWithin(client.Region) && !client.Has(item.Kind, item.Id)) lost[item.Interval]++;
            var duplicates = clients.Sum(c => c.Duplicates);
            var outOfOrder = clients.Sum(c => c.OutOfOrder);
            var closed = clients.Where(c => c.ClosedBy is not null).ToList();

            var tickerOk = 0;
            foreach (var (page, id) in finals)
            {
                try
                {
                    await page.Locator($".ticker-item[data-id='{id}']").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
                    tickerOk++;
                }
                catch (TimeoutException) { }
            }
            var liveAtEnd = await WallScreens.LiveCountAsync(pages);

            var table = new MarkdownTable("minute:", "server RSS:", "posted (warnings / incidents / outcomes)", "messages received:", "lost:",
                "p50:", "p95:", "p99:", "max:", "API errors:", "screens live:");
            for (var m = 0; m < minutes; m++)
            {
                var h = ledger.Latency[m];
                table.Add((m + 1).ToString(CultureInfo.InvariantCulture), Units.Allocated(rss[m]),
                    $"{Units.Count(ledger.PostedCount[m, (int)SoakKind.Warning])} / {Units.Count(ledger.PostedCount[m, (int)SoakKind.Incident])} / {Units.Count(ledger.PostedCount[m, (int)SoakKind.Outcome])}",
                    Units.Count(ledger.Delivered[m]), Units.Count(lost[m]),
                    Percentiles.Ms(h.Percentile(.5)), Percentiles.Ms(h.Percentile(.95)), Percentiles.Ms(h.Percentile(.99)), Percentiles.Ms(h.Max()),
                    Units.Count(ledger.Errors[m]), $"{screensLive[m]}/{pages.Count}");
            }
            output.WriteLine();
            table.WriteTo(output);
            output.WriteLine();

            const int warmUpIntervals = 2;
            var growth = minutes > warmUpIntervals
                ? $"{Mb(rss[^1] - rss[warmUpIntervals - 1])} from the end of minute {warmUpIntervals} ({Units.Allocated(rss[warmUpIntervals - 1])}) " +
                  $"to the end of minute {minutes} ({Units.Allocated(rss[^1])}), slope {Slope(rss, warmUpIntervals - 1) / (1024 * 1024):0.0} MB/min"
                : $"n/a (run shorter than {warmUpIntervals + 1} minutes); {Mb(rss[^1] - rssAtStart)} over the whole run";
            var totals = Enumerable.Range(0, 3).Select(k => Enumerable.Range(0, minutes).Sum(m => ledger.PostedCount[m, k])).ToArray();
            new MarkdownTable("summary", "result")
                .Add("posted (accepted)", $"{Units.Count(totals[(int)SoakKind.Warning])} warnings, {Units.Count(totals[(int)SoakKind.Incident])} incidents, " +
                                          $"{Units.Count(totals[(int)SoakKind.Outcome])} outcomes in {elapsed.TotalMinutes:0.0} min " +
                                          $"({(totals.Sum() / elapsed.TotalSeconds):0} /s)")
                .Add("server RSS growth after warm-up (first 2 minutes excluded)", growth)
                .Add("server RSS when the clients and screens had connected", Units.Allocated(rssAtStart))
                .Add("push latency p99, first → last minute", $"{Percentiles.Ms(ledger.Latency[0].Percentile(.99))} → {Percentiles.Ms(ledger.Latency[^1].Percentile(.99))}")
                .Add("messages expected / received (unique)", $"{Units.Count(ledger.ExpectedDeliveries)} / {Units.Count(ledger.UniqueDeliveries)} (drained in {drainSeconds:0.0} s after the load)")
                .Add("lost", Units.Count(lost.Sum()))
                .Add("duplicates", Units.Count(duplicates))
                .Add("sequence going backwards (per client) / messages with sequence 0", $"{Units.Count(outOfOrder)} / {Units.Count(clients.Sum(c => c.ZeroSequence))} (not counted as errors)")
                .Add("hub connections closed during the run", closed.Count == 0 ? "0" : $"{closed.Count} ({closed[0].ClosedBy})")
                .Add("API errors (non-2xx or transport)", Units.Count(ledger.Errors.Sum()) + (ledger.FirstErrors.TryPeek(out var first) ? $" (first: {first})" : ""))
                .Add("screens live at the end / showing their last incident", $"{liveAtEnd}/{pages.Count} / {tickerOk}/{finals.Count}")
                .Add("FiguresChanged received (all clients)", Units.Count(clients.Sum(c => c.Figures)))
                .WriteTo(output);
            output.WriteLine();
            output.WriteLine($"Load average after the suite: {IngestSuite.LoadAverage()}.");
        }
        finally
        {
            await browserContext.DisposeAsync();
            await Task.WhenAll(clients.Where(c => c is not null).Select(c => c.DisposeAsync().AsTask()));
        }
    }

    /// <summary>
    /// Every 100 ms: 10 warnings, 1 outcome of an earlier warning and, every tenth tick, an incident, each to the next county in turn.
    /// Requests run concurrently (at most 256 in flight); <paramref name="intervalEnded"/> is called at the end of each interval.
    /// </summary>
    private static async Task LoadAsync(HttpClient http, SoakLedger ledger, IReadOnlyList<RegionCode> counties, TimeSpan duration,
        Func<int, Task>? intervalEnded, CancellationToken cancellation)
    {
        using var timer = new PeriodicTimer(Tick);
        using var inFlight = new SemaphoreSlim(256);
        var running = new List<Task>();
        var warnings = new System.Collections.Concurrent.ConcurrentQueue<(Guid Id, RegionCode County)>();
        var start = Stopwatch.GetTimestamp();
        long tick = 0, next = 0;
        var reported = 0;
        while (Stopwatch.GetElapsedTime(start) < duration && await timer.WaitForNextTickAsync(cancellation))
        {
            var elapsed = Stopwatch.GetElapsedTime(start);
            var interval = Math.Min((int)(elapsed / Interval), ledger.Intervals - 1);
            // Sampling runs beside the load, so a slow sample (a screen not answering) does not stall the pacing.
            while (intervalEnded is not null && reported < (int)(elapsed / Interval) && reported < ledger.Intervals)
            {
                var ended = reported++;
                running.Add(Task.Run(() => intervalEnded(ended), cancellation));
            }

            for (var w = 0; w < WarningsPerTick; w++)
            {
                var county = counties[(int)(next++ % counties.Count)];
                running.Add(Send(async () =>
                {
                    var before = Stopwatch.GetTimestamp();
                    var id = await PostAsync(http, ledger, "api/v1/warnings", Bodies.Warning($"soak-w-{Guid.NewGuid():N}", county.ToString()), interval);
                    if (id is { } accepted)
                    {
                        ledger.Accepted(SoakKind.Warning, accepted, county, before, interval);
                        warnings.Enqueue((accepted, county));
                    }
                }));
            }
            for (var o = 0; o < OutcomesPerTick; o++)
            {
                // Outcomes of warnings issued a little earlier (at least 50 back), so the warning is surely stored.
                if (warnings.Count < 50 || !warnings.TryDequeue(out var warning)) break;
                running.Add(Send(async () =>
                {
                    var before = Stopwatch.GetTimestamp();
                    if (await PostAsync(http, ledger, $"api/v1/warnings/{warning.Id}/outcomes", OutcomeBody($"soak-o-{Guid.NewGuid():N}"), interval) is not null)
                        ledger.Accepted(SoakKind.Outcome, warning.Id, warning.County, before, interval);
                }));
            }
            if (tick++ % TicksPerIncident == 0)
            {
                var county = counties[(int)(next++ % counties.Count)];
                running.Add(Send(() => PostIncidentAsync(http, ledger, county, interval, "soak-i")));
            }
            running.RemoveAll(t => t.IsCompleted);
        }
        await Task.WhenAll(running);
        while (intervalEnded is not null && reported < ledger.Intervals) await intervalEnded(reported++);

        async Task Send(Func<Task> post)
        {
            await inFlight.WaitAsync(cancellation);
            try { await post(); }
            finally { inFlight.Release(); }
        }
    }

    private static async Task<Guid?> PostIncidentAsync(HttpClient http, SoakLedger ledger, RegionCode county, int interval, string prefix)
    {
        var before = Stopwatch.GetTimestamp();
        var id = await PostAsync(http, ledger, "api/v1/incidents", Bodies.Incident($"{prefix}-{Guid.NewGuid():N}", county.ToString(), DateTimeOffset.UtcNow.AddMinutes(-5)), interval);
        if (id is { } accepted) ledger.Accepted(SoakKind.Incident, accepted, county, before, interval);
        return id;
    }

    private static async Task<Guid?> PostAsync(HttpClient http, SoakLedger ledger, string url, string body, int interval)
    {
        try
        {
            using var response = await http.PostAsync(url, Bodies.Json(body));
            var text = await response.Content.ReadAsStringAsync();
            if ((int)response.StatusCode is 200 or 201) return Bodies.IdOf(text);
            ledger.Failed(interval, $"{url.Split('/')[2]}: {(int)response.StatusCode} {(text.Length > 200 ? text[..200] : text)}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            ledger.Failed(interval, $"{url.Split('/')[2]}: {e.GetType().Name} {e.Message}");
        }
        return null;
    }

    private static string OutcomeBody(string externalId) =>
        "{\"externalId\":\"" + externalId + "\",\"outcome\":\"Dissuaded\",\"at\":\"" + Iso(DateTimeOffset.UtcNow.AddMinutes(-1)) + "\"}";

    private static string Iso(DateTimeOffset moment) =>
        moment.ToOffset(China).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static string Mb(long bytes) => (bytes / (1024.0 * 1024)).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) + " MB";

    /// <summary>Least-squares slope of RSS per interval from <paramref name="from"/> on, in bytes per interval.</summary>
    private static double Slope(long[] values, int from)
    {
        var points = values.Skip(from).Select((v, i) => (X: (double)i, Y: (double)v)).ToList();
        if (points.Count < 2) return double.NaN;
        var mx = points.Average(p => p.X);
        var my = points.Average(p => p.Y);
        return points.Sum(p => (p.X - mx) * (p.Y - my)) / points.Sum(p => (p.X - mx) * (p.X - mx));
    }

    /// <summary><c>--minutes N</c> or <c>--minutes=N</c> on the command line.</summary>
    private static int? MinutesArgument()
    {
        var args = Environment.GetCommandLineArgs();
        for (var i = 0; i < args.Length; i++)
        {
            var text = args[i].StartsWith("--minutes=", StringComparison.Ordinal) ? args[i]["--minutes=".Length..]
                : args[i] == "--minutes" && i + 1 < args.Length ? args[i + 1] : null;
            if (text is not null && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var minutes) && minutes > 0) return minutes;
        }
        return null;
    }
}
