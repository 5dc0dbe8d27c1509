using System.Diagnostics;
using System.Globalization;
using AntiFraud.Benchmarks.Harness;
using AntiFraud.Benchmarks.Server;

namespace AntiFraud.Benchmarks.Suites;

/// <summary>
/// Rebuilding every read model from the events, as an operator does it: the app's own <c>backfill</c> fills a throwaway cluster,
/// then <c>projections rebuild</c> (a separate process, the app stopped) replays the whole event log through each projection.
/// </summary>
public sealed class RebuildSuite : IBenchmarkSuite
{
    public string Name => "rebuild";
    public string Title => "Projections rebuilt from the events";

    public async Task RunAsync(SuiteContext context)
    {
        var output = context.Output;
        var months = context.Measurer == Measurer.Quick ? "1" : "13";
        await using var server = await DashboardServer.StartAsync(app: false);

        var started = Stopwatch.GetTimestamp();
        var filled = await server.RunCommandAsync(TimeSpan.FromMinutes(60), "backfill", "--months", months);
        output.WriteLine($"History: {months} months from the app's backfill in {Stopwatch.GetElapsedTime(started).TotalSeconds:0} s. {filled.Trim()}");
        output.WriteLine();

        started = Stopwatch.GetTimestamp();
        var rebuilt = await server.RunCommandAsync(TimeSpan.FromMinutes(60), "projections", "rebuild");
        var wall = Stopwatch.GetElapsedTime(started);
        // The command prints its own Markdown table, one row per projection, and a closing sentence.
        foreach (var line in rebuilt.Split('\n').Select(l => l.TrimEnd()).Where(l => l.StartsWith('|') || l.StartsWith("Rebuilt", StringComparison.Ordinal)))
            output.WriteLine(line);
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Whole command, start-up and schema check included: {wall.TotalSeconds:0.0} s."));
    }
}
