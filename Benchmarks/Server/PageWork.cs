using System.Text.Json;
using Microsoft.Playwright;

namespace AntiFraud.Benchmarks.Server;

/// <summary>
/// Where a page's main thread spends its time, from Chromium's own counters (DevTools protocol <c>Performance.getMetrics</c>): all
/// its tasks, and within them script, style recalculation and layout. What is left of the tasks is mostly painting and the
/// framework's own scheduling; rasterising and compositing happen on other threads and are not in these figures.
/// </summary>
public sealed class PageWork
{
    private static readonly string[] Counters = ["TaskDuration", "ScriptDuration", "RecalcStyleDuration", "LayoutDuration"];
    private readonly List<ICDPSession> _sessions;

    private PageWork(List<ICDPSession> sessions) => _sessions = sessions;

    public static async Task<PageWork> AttachAsync(IEnumerable<IPage> pages)
    {
        var sessions = new List<ICDPSession>();
        foreach (var page in pages)
        {
            var session = await page.Context.NewCDPSessionAsync(page);
            await session.SendAsync("Performance.enable");
            sessions.Add(session);
        }
        return new PageWork(sessions);
    }

    /// <summary>Seconds of each counter, summed over the pages.</summary>
    public async Task<Reading> ReadAsync()
    {
        var sums = new double[Counters.Length];
        foreach (var session in _sessions)
        {
            var answer = await session.SendAsync("Performance.getMetrics");
            if (answer is not { } root) continue;
            foreach (var metric in root.GetProperty("metrics").EnumerateArray())
            {
                var index = Array.IndexOf(Counters, metric.GetProperty("name").GetString());
                if (index >= 0) sums[index] += metric.GetProperty("value").GetDouble();
            }
        }
        return new Reading(sums[0], sums[1], sums[2], sums[3]);
    }

    public int Pages => _sessions.Count;

    public readonly record struct Reading(double Task, double Script, double Style, double Layout)
    {
        public static Reading operator -(Reading a, Reading b) => new(a.Task - b.Task, a.Script - b.Script, a.Style - b.Style, a.Layout - b.Layout);

        /// <summary>Per page, as a share of one core over <paramref name="seconds"/>.</summary>
        public string Describe(int pages, double seconds)
        {
            string Share(double v) => $"{v / pages / seconds * 100:0.0} %";
            return $"main thread per page {Share(Task)} of a core: script {Share(Script)}, style {Share(Style)}, layout {Share(Layout)}, the rest (paint, scheduling) {Share(Task - Script - Style - Layout)}";
        }
    }
}
