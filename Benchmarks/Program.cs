using AntiFraud.Benchmarks.Harness;
using AntiFraud.Benchmarks.Suites;

namespace AntiFraud.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project Benchmarks -- &lt;suite&gt;... [--quick]</c>: runs the named suites (or <c>all</c>) and prints
/// Markdown tables that can be pasted into docs/benchmarks.md.
/// </summary>
public static class Program
{
    /// <summary>Every suite, in the order <c>all</c> runs them. A new suite is one class implementing <see cref="IBenchmarkSuite"/> and one line here.</summary>
    private static readonly IBenchmarkSuite[] Suites =
    [
        new RegionsSuite(),
        new MapSuite(),
        new IngestSuite(),
        new LiveSuite(),
        new ScreensSuite(),
        new BriefingsSuite(),
        new JobsSuite(),
        new RebuildSuite(),
        new SoakSuite(),
    ];

    public static async Task<int> Main(string[] args)
    {
        var quick = args.Contains("--quick", StringComparer.OrdinalIgnoreCase);
        var names = args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && !(i > 0 && args[i - 1] == "--minutes")).Select(a => a.ToLowerInvariant()).ToList();
        if (args.Any(a => a is "--help" or "-h"))
        {
            PrintUsage(Console.Out);
            return 0;
        }
        if (names.Count == 0)
        {
            PrintUsage(Console.Error);
            return 2;
        }

        var unknown = names.Where(n => n != "all" && Suites.All(s => s.Name != n)).ToList();
        if (unknown.Count > 0)
        {
            Console.Error.WriteLine($"Unknown suite '{string.Join("', '", unknown)}'. Known suites: {string.Join(", ", Suites.Select(s => s.Name))}, all.");
            return 2;
        }

        var selected = names.Contains("all") ? Suites : Suites.Where(s => names.Contains(s.Name)).ToArray();
        var context = new SuiteContext(Console.Out, quick ? Measurer.Quick : Measurer.Standard);

        Console.Out.WriteLine(MachineInfo.Describe());
        if (quick) Console.Out.WriteLine("> Quick run (`--quick`): short warm-up and few samples; figures are indicative only.");
        foreach (var suite in selected)
        {
            Console.Out.WriteLine();
            Console.Out.WriteLine($"## {suite.Title}");
            await suite.RunAsync(context);
        }
        return 0;
    }

    private static void PrintUsage(TextWriter output)
    {
        output.WriteLine("Usage: dotnet run -c Release --project Benchmarks -- <suite>... [--quick]");
        output.WriteLine();
        output.WriteLine("Suites:");
        foreach (var suite in Suites) output.WriteLine($"  {suite.Name,-10} {suite.Title}");
        output.WriteLine($"  {"all",-10} every suite above, in this order");
        output.WriteLine();
        output.WriteLine("--quick   short warm-up and few samples, to check that a suite runs (figures are not for the docs)");
    }
}
