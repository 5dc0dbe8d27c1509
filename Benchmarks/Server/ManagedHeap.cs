using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;

namespace AntiFraud.Benchmarks.Server;

/// <summary>
/// The managed heap of another .NET process after a full blocking collection, through the runtime's diagnostics port: asking for
/// the GC heap-collect keyword makes the runtime collect everything (as <c>dotnet-gcdump</c> does), and the GC's own statistics
/// event then gives what survived. Unlike RSS, this does not count garbage not collected yet nor memory the GC keeps for later.
/// </summary>
public static class ManagedHeap
{
    /// <summary>
    /// What a full collection left: <paramref name="Live"/> the bytes of the objects that survived it (what <c>dotnet-gcdump</c>
    /// counts), <paramref name="Size"/> the heap's size after it, which also counts free space between and after them (a heap of
    /// the same live objects can be megabytes larger or smaller from one collection to the next).
    /// </summary>
    public readonly record struct Reading(long Live, long Size);

    public static async Task<Reading> AfterFullCollectionAsync(int processId, TimeSpan timeout)
    {
        var client = new DiagnosticsClient(processId);
        var providers = new[]
        {
            new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational,
                (long)(ClrTraceEventParser.Keywords.GC | ClrTraceEventParser.Keywords.GCHeapCollect)),
        };
        using var session = client.StartEventPipeSession(providers, requestRundown: false);
        using var source = new EventPipeEventSource(session.EventStream);
        var result = new TaskCompletionSource<Reading>(TaskCreationOptions.RunContinuationsAsynchronously);
        var fullStarted = false;
        source.Clr.GCStart += e => fullStarted |= e.Depth == 2;
        source.Clr.GCHeapStats += e =>
        {
            if (fullStarted && result.TrySetResult(new Reading(e.TotalPromoted, e.TotalHeapSize))) source.StopProcessing();
        };
        var processing = Task.Run(() =>
        {
            try { source.Process(); }
            catch (Exception e) { result.TrySetException(e); }
            result.TrySetException(new InvalidOperationException("The event stream ended before a full collection was reported."));
        });
        try
        {
            return await result.Task.WaitAsync(timeout);
        }
        finally
        {
            try { await session.StopAsync(CancellationToken.None); }
            catch (Exception e) when (e is ServerNotAvailableException or EndOfStreamException or IOException or TimeoutException) { }
            await processing.WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}
