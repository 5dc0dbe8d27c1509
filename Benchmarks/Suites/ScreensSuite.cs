using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using AntiFraud.Benchmarks.Harness;
using AntiFraud.Benchmarks.Server;
using Microsoft.Playwright;

namespace AntiFraud.Benchmarks.Suites;

/// <summary>
/// The live wall screens in real browsers (Debian's Chromium through Playwright) against the Dashboard as its own process:
/// <list type="number">
/// <item>server memory per open screen: the Dashboard's RSS before and after opening 50 signed-in wall screens;</item>
/// <item>commit → updated DOM on 20 open screens: incidents posted at a steady rate, each screen noting (MutationObserver) when each
/// one's ticker row appears;</item>
/// <item>a burst of 200 events/s on the same 20 screens: how often each screen re-renders, how long its main thread is blocked, and
/// how quickly what it shows follows the events.</item>
/// </list>
/// </summary>
public sealed class ScreensSuite : IBenchmarkSuite
{
    public string Name => "screens";
    public string Title => "Live screens in browsers";

    /// <summary>
    /// Notes, per page, when each ticker row first appears and when the page's own markup changed (a Blazor render batch is applied
    /// in one go, so one observer callback ≈ one render). The charts' drawing (ApexCharts animates its SVG) and the clock's
    /// once-a-second text are not renders of the page and are left out. Long main-thread tasks are summed as well.
    /// </summary>
    private const string Observer = """
        () => {
          if (window.__bench) return;
          const bench = window.__bench = { seen: {}, renders: [], longTasks: [] };
          const own = r => {
            const el = r.target.nodeType === 1 ? r.target : r.target.parentElement;
            return el && !el.closest('.apexcharts-canvas') && !el.closest('.wall-clock') && !(el.parentElement && el.parentElement.classList.contains('apex-chart'));
          };
          new MutationObserver(records => {
            const t = Date.now();
            let counted = false;
            for (const r of records) {
              if (!own(r)) continue;
              if (!counted) { bench.renders.push(t); counted = true; }
              for (const n of r.addedNodes) {
                if (n.nodeType !== 1) continue;
                const rows = n.matches('.ticker-item[data-id]') ? [n] : n.querySelectorAll('.ticker-item[data-id]');
                for (const row of rows) { const id = row.getAttribute('data-id'); if (!(id in bench.seen)) bench.seen[id] = t; }
              }
            }
          }).observe(document.body, { childList: true, subtree: true, attributes: true, characterData: true });
          try {
            new PerformanceObserver(list => { for (const e of list.getEntries()) bench.longTasks.push([Date.now(), e.duration]); })
              .observe({ type: 'longtask', buffered: false });
          } catch { }
        }
        """;

    public async Task RunAsync(SuiteContext context)
    {
        var output = context.Output;
        var quick = context.Measurer == Measurer.Quick;
        var memoryScreens = quick ? 10 : 50;
        var latencyScreens = quick ? 4 : 20;
        var steadyFor = TimeSpan.FromSeconds(quick ? 10 : 30);
        var burstFor = TimeSpan.FromSeconds(quick ? 5 : 20);
        const double steadyRate = 10;

        await using var server = await DashboardServer.StartAsync();
        output.WriteLine($"Load average before the suite: {IngestSuite.LoadAverage()}.");
        var password = await WallScreens.CreateUserAsync(server, "screens");
        using var http = server.CreateClient();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await WallScreens.LaunchAsync(playwright);
        var browserContext = await WallScreens.NewContextAsync(browser, server);
        var results = new MarkdownTable("case", "what", "result", "target", "meets target");
        try
        {
            // Warm-up (not counted): the API path, then a few screens opened and closed while incidents arrive.
            var first = await browserContext.NewPageAsync();
            first.SetDefaultTimeout(60_000);
            await WallScreens.SignInAsync(first, "screens", password, "live/000000");
            var warmPages = new List<IPage> { first };
            for (var i = 0; i < 3; i++) warmPages.Add(await WallScreens.OpenAsync(browserContext, i % 2 == 0 ? "440000" : "000000"));
            await Bodies.PacedAsync(http, 20, TimeSpan.FromSeconds(quick ? 3 : 10), 4, "warm", (_, _, _, _) => { });
            foreach (var page in warmPages) await page.CloseAsync();

            // 1. Memory per open screen.
            await Task.Delay(TimeSpan.FromSeconds(5));
            var heapBefore = await ManagedHeap.AfterFullCollectionAsync(server.ProcessId, TimeSpan.FromSeconds(60));
            var rssBefore = server.ResidentBytes();
            var opened = Stopwatch.GetTimestamp();
            var memoryPages = new List<IPage>();
            for (var i = 0; i < memoryScreens / 2; i++) memoryPages.Add(await WallScreens.OpenAsync(browserContext, i % 2 == 0 ? "000000" : "440000"));
            await BrowserSettledAsync();
            var heapHalf = await ManagedHeap.AfterFullCollectionAsync(server.ProcessId, TimeSpan.FromSeconds(60));
            for (var i = memoryScreens / 2; i < memoryScreens; i++) memoryPages.Add(await WallScreens.OpenAsync(browserContext, i % 2 == 0 ? "000000" : "440000"));
            var openSeconds = Stopwatch.GetElapsedTime(opened).TotalSeconds;
            await BrowserSettledAsync();
            var live = await WallScreens.LiveCountAsync(memoryPages);
            var heapAfter = await ManagedHeap.AfterFullCollectionAsync(server.ProcessId, TimeSpan.FromSeconds(60));
            var rssAfter = server.ResidentBytes();
            var perScreen = (heapAfter.Live - heapBefore.Live) / (double)memoryScreens;
            var secondHalf = memoryScreens - memoryScreens / 2;
            var marginal = (heapAfter.Live - heapHalf.Live) / (double)secondHalf;
            results.Add("server memory per open wall screen",
                $"Dashboard's live managed objects after a full collection {Units.Allocated(heapBefore.Live)} → {Units.Allocated(heapHalf.Live)} → {Units.Allocated(heapAfter.Live)} " +
                $"with 0, {memoryScreens / 2} and {memoryScreens} screens open ({live} live at the end; opened in {openSeconds:0} s, each read once the browser had settled): " +
                $"the last {secondHalf} screens (what one more screen costs) / all {memoryScreens} (with what the first screens' visits add to the process's caches)",
                $"{Units.Allocated(marginal)} / {Units.Allocated(perScreen)}", "≤ 500 KB", marginal <= 500 * 1024 ? "yes" : "no");
            results.Add("(same) managed heap size per open wall screen",
                $"heap size after the same collections {Units.Allocated(heapBefore.Size)} → {Units.Allocated(heapHalf.Size)} → {Units.Allocated(heapAfter.Size)}: also counts free space left in the heap",
                $"{Units.Allocated((heapAfter.Size - heapHalf.Size) / (double)secondHalf)} / {Units.Allocated((heapAfter.Size - heapBefore.Size) / (double)memoryScreens)}", "—", "—");
            results.Add("(same) resident set per open wall screen",
                $"Dashboard RSS {Units.Allocated(rssBefore)} → {Units.Allocated(rssAfter)}, ÷ {memoryScreens}: also counts buffers, native memory and heap kept by the GC for later",
                Units.Allocated((rssAfter - rssBefore) / (double)memoryScreens), "—", "—");
            foreach (var page in memoryPages) await page.CloseAsync();
            await Task.Delay(TimeSpan.FromSeconds(5));
            output.WriteLine($"Dashboard RSS 5 s after closing the {memoryScreens} screens: {Units.Allocated(server.ResidentBytes())}.");

            // 2. Commit → DOM on open screens at a steady rate: first animated as on a wall, then with reduced motion (no map pulses,
            // no ticker fade), which is what lets 20 screens' rendering share 2 cores with the server and its database.
            var pages = new List<IPage>();
            for (var i = 0; i < latencyScreens; i++) pages.Add(await WallScreens.OpenAsync(browserContext, i % 2 == 0 ? "000000" : "440000"));
            foreach (var page in pages) await page.EvaluateAsync(Observer);
            var work = await PageWork.AttachAsync(pages);
            await Task.Delay(TimeSpan.FromSeconds(5));
            var idleBefore = (ProcessCpu.OfCommand("chrom"), ProcessCpu.Of(server.ProcessId), await work.ReadAsync());
            await Task.Delay(TimeSpan.FromSeconds(10));
            output.WriteLine($"{latencyScreens} screens open, nothing arriving: the browser used {(ProcessCpu.OfCommand("chrom") - idleBefore.Item1).TotalSeconds / 10:0.00} cores, " +
                             $"the Dashboard {(ProcessCpu.Of(server.ProcessId) - idleBefore.Item2).TotalSeconds / 10:0.00}; " +
                             $"{(await work.ReadAsync() - idleBefore.Item3).Describe(work.Pages, 10)}.");
            foreach (var (motion, duration) in new[] { (ReducedMotion.NoPreference, steadyFor / 2), (ReducedMotion.Reduce, steadyFor) })
            {
                foreach (var page in pages) await page.EmulateMediaAsync(new PageEmulateMediaOptions { ReducedMotion = motion });
                await Task.Delay(TimeSpan.FromSeconds(3));
                var cpuBefore = (ProcessCpu.OfCommand("chrom"), ProcessCpu.Read(server), await work.ReadAsync());
                var steady = await PostAsync(http, steadyRate, duration, incidentsOnly: true, "dom");
                var browserCpu = (ProcessCpu.OfCommand("chrom") - cpuBefore.Item1).TotalSeconds / duration.TotalSeconds;
                var serverCpu = ProcessCpu.Read(server) - cpuBefore.Item2;
                output.WriteLine($"{motion}: CPU while posting, in cores: browser {browserCpu:0.00}, Dashboard {serverCpu.Dashboard.TotalSeconds / duration.TotalSeconds:0.00}, " +
                                 $"PostgreSQL {serverCpu.Database.TotalSeconds / duration.TotalSeconds:0.00}, of 2; " +
                                 $"{(await work.ReadAsync() - cpuBefore.Item3).Describe(work.Pages, duration.TotalSeconds)}.");
                await WaitShownAsync(pages, steady.Sent.Keys, TimeSpan.FromSeconds(15));
                var (sentToShown, answeredToShown, shown, _) = await CollectAsync(pages, steady);
                var expected = (long)steady.Sent.Count * pages.Count;
                var p95 = Percentiles.Of(sentToShown, .95);
                var how = motion == ReducedMotion.Reduce ? "reduced motion" : "animated";
                results.Add($"commit → updated DOM, {how}",
                    $"{latencyScreens} screens (half the nation, half Guangdong), {Units.Count(steady.Sent.Count)} incidents at {steadyRate:0}/s in Shenzhen ({steady.Errors} errors): " +
                    $"{Units.Count(shown)} of {Units.Count(expected)} ticker rows seen; POST sent → row in the DOM p50 / p95 / p99 / max",
                    $"{Percentiles.Ms(Percentiles.Of(sentToShown, .5))} / {Percentiles.Ms(p95)} / {Percentiles.Ms(Percentiles.Of(sentToShown, .99))} / {Percentiles.Ms(sentToShown.Count == 0 ? double.NaN : sentToShown[^1])}",
                    "p95 ≤ 500 ms", p95 <= 500 && shown == expected ? "yes" : "no");
                results.Add($"(same, {how}) POST answered → row in the DOM",
                    "lower bound of commit → DOM (the answer leaves after the commit); POST sent → answered p50 " + Percentiles.Ms(Percentiles.Of(steady.PostMs.Order().ToList(), .5)),
                    $"{Percentiles.Ms(Percentiles.Of(answeredToShown, .5))} / {Percentiles.Ms(Percentiles.Of(answeredToShown, .95))} / {Percentiles.Ms(Percentiles.Of(answeredToShown, .99))}",
                    "—", "—");
            }

            // 3. A burst of 200 events/s (incidents and warnings).
            foreach (var page in pages) await page.EvaluateAsync("() => { window.__bench.renders = []; window.__bench.longTasks = []; }");
            var burstStart = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var burst = await PostAsync(http, 200, burstFor, incidentsOnly: false, "burst");
            var burstEnd = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            await Task.Delay(TimeSpan.FromSeconds(2));
            var (burstSentToShown, _, burstShown, perPage) = await CollectAsync(pages, burst);
            var rendersPerSecond = perPage.Select(p => p.Renders.Count(t => t >= burstStart && t <= burstEnd) / ((burstEnd - burstStart) / 1000.0)).Order().ToList();
            var maxInOneSecond = perPage.Max(p => p.Renders.Where(t => t >= burstStart && t <= burstEnd).GroupBy(t => (t - burstStart) / 1000).Select(g => g.Count()).DefaultIfEmpty(0).Max());
            var longTasks = perPage.SelectMany(p => p.LongTasks).ToList();
            var blocked = perPage.Select(p => p.LongTasks.Sum() / ((burstEnd - burstStart) / 1000.0) / 10.0).Order().ToList(); // % of the time
            var live2 = await WallScreens.LiveCountAsync(pages);
            results.Add("re-renders at 200 events/s",
                $"{latencyScreens} screens (reduced motion), {Units.Count(burst.Sent.Count)} events in {burstFor.TotalSeconds:0} s ({burst.Errors} errors), half incidents and half warnings: " +
                "renders per second per screen, median / highest screen (highest in any one second)",
                $"{Percentiles.Of(rendersPerSecond, .5):0.0} / {rendersPerSecond[^1]:0.0} ({maxInOneSecond})", "a few per second", rendersPerSecond[^1] <= 5 ? "yes" : "no");
            results.Add("responsiveness at 200 events/s",
                $"main thread in long tasks (≥ 50 ms), median / worst screen; longest task; screens live afterwards; newest events shown: POST sent → row in the DOM p50 / p95 ({Units.Count(burstShown)} rows seen)",
                $"{Percentiles.Of(blocked, .5):0.0} % / {blocked[^1]:0.0} %; {(longTasks.Count == 0 ? "none" : Percentiles.Ms(longTasks.Max()))}; {live2}/{pages.Count}; " +
                $"{Percentiles.Ms(Percentiles.Of(burstSentToShown, .5))} / {Percentiles.Ms(Percentiles.Of(burstSentToShown, .95))}",
                "stays responsive", "—");
        }
        finally
        {
            await browserContext.DisposeAsync();
        }
        output.WriteLine();
        results.WriteTo(output);
        output.WriteLine();
        output.WriteLine($"Load average after the suite: {IngestSuite.LoadAverage()}.");
    }

    /// <summary>
    /// Waits (at most 60 s) until the browser has used less than a tenth of a core for 2 s: screens opened faster than a loaded
    /// browser draws them leave render batches on the server waiting for the browser's acknowledgement, which would be counted.
    /// </summary>
    private static async Task BrowserSettledAsync()
    {
        var start = Stopwatch.GetTimestamp();
        do
        {
            var before = ProcessCpu.OfCommand("chrom");
            await Task.Delay(TimeSpan.FromSeconds(2));
            if ((ProcessCpu.OfCommand("chrom") - before).TotalSeconds / 2 < 0.1) return;
        }
        while (Stopwatch.GetElapsedTime(start) < TimeSpan.FromSeconds(60));
    }

    private sealed record Posted(ConcurrentDictionary<Guid, (long SentMs, long AnsweredMs)> Sent, ConcurrentBag<double> PostMs, long Errors);

    private sealed record PageFigures(Dictionary<Guid, long> Seen, List<long> Renders, List<double> LongTasks);

    /// <summary>Posts at a steady rate (incidents only, or incidents and warnings in turn) and notes wall-clock send and answer times.</summary>
    private static async Task<Posted> PostAsync(HttpClient http, double rate, TimeSpan duration, bool incidentsOnly, string prefix)
    {
        var sent = new ConcurrentDictionary<Guid, (long, long)>();
        var postMs = new ConcurrentBag<double>();
        long errors = 0;
        var clockAt = new ConcurrentDictionary<long, long>();
        await Bodies.PacedAsync(http, rate, duration, 16, i =>
        {
            clockAt[i] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            return incidentsOnly || i % 2 == 0
                ? ("api/v1/incidents", Bodies.NewIncident(prefix, i))
                : ("api/v1/warnings", Bodies.Warning($"{prefix}-w-{i}-{Guid.NewGuid():N}", Bodies.County(i)));
        }, (i, before, status, body) =>
        {
            var answered = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            postMs.Add(Stopwatch.GetElapsedTime(before).TotalMilliseconds);
            if (status is 200 or 201) sent[Bodies.IdOf(body)] = (clockAt[i], answered);
            else Interlocked.Increment(ref errors);
        });
        return new Posted(sent, postMs, errors);
    }

    private static async Task WaitShownAsync(IReadOnlyList<IPage> pages, ICollection<Guid> ids, TimeSpan timeout)
    {
        var wanted = ids.Select(i => i.ToString()).ToArray();
        var start = Stopwatch.GetTimestamp();
        foreach (var page in pages)
        {
            while (Stopwatch.GetElapsedTime(start) < timeout &&
                   !await page.EvaluateAsync<bool>("ids => ids.every(id => id in window.__bench.seen)", wanted))
                await Task.Delay(250);
        }
    }

    private static async Task<(List<double> SentToShown, List<double> AnsweredToShown, long Shown, List<PageFigures> PerPage)> CollectAsync(
        IReadOnlyList<IPage> pages, Posted posted)
    {
        var sentToShown = new List<double>();
        var answeredToShown = new List<double>();
        var perPage = new List<PageFigures>();
        long shown = 0;
        foreach (var page in pages)
        {
            var json = await page.EvaluateAsync<string>("() => JSON.stringify(window.__bench)");
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var seen = root.GetProperty("seen").EnumerateObject().ToDictionary(p => Guid.Parse(p.Name), p => (long)p.Value.GetDouble());
            perPage.Add(new PageFigures(seen,
                root.GetProperty("renders").EnumerateArray().Select(e => (long)e.GetDouble()).ToList(),
                root.GetProperty("longTasks").EnumerateArray().Select(e => e[1].GetDouble()).ToList()));
            foreach (var (id, (sentMs, answeredMs)) in posted.Sent)
            {
                if (!seen.TryGetValue(id, out var at)) continue;
                shown++;
                sentToShown.Add(at - sentMs);
                answeredToShown.Add(at - answeredMs);
            }
        }
        sentToShown.Sort();
        answeredToShown.Sort();
        return (sentToShown, answeredToShown, shown, perPage);
    }
}
