using System.Diagnostics;
using Marten;

namespace AntiFraud.Dashboard.Hosting;

/// <summary>One projection rebuilt: how many events were replayed through it and how long it took.</summary>
public sealed record RebuiltProjection(string Name, string Lifecycle, long Events, TimeSpan Took)
{
    public double EventsPerSecond => Took.TotalSeconds > 0 ? Events / Took.TotalSeconds : Events;
}

/// <summary>
/// Rebuilds every read model from the events (<c>projections rebuild</c>): each projection's documents are dropped and the whole
/// event log is replayed through it, so the figures depend on the events alone. Run it with the app stopped: a running node's
/// daemon would keep projecting while the documents are being rebuilt.
/// </summary>
public static class ProjectionRebuild
{
    public static async Task<IReadOnlyList<RebuiltProjection>> RunAsync(IDocumentStore store, Action<RebuiltProjection>? progress = null,
        CancellationToken ct = default)
    {
        var statistics = await store.Advanced.FetchEventStoreStatistics(token: ct);
        var projections = ((DocumentStore)store).Options.Projections.All
            .Select(p => (p.Name, Lifecycle: p.Lifecycle.ToString())).ToList();
        using var daemon = await store.BuildProjectionDaemonAsync();
        var rebuilt = new List<RebuiltProjection>();
        foreach (var (name, lifecycle) in projections)
        {
            var clock = Stopwatch.StartNew();
            await daemon.RebuildProjectionAsync(name, TimeSpan.FromMinutes(30), ct);
            var done = new RebuiltProjection(name, lifecycle, statistics.EventCount, clock.Elapsed);
            rebuilt.Add(done);
            progress?.Invoke(done);
        }
        return rebuilt;
    }
}
