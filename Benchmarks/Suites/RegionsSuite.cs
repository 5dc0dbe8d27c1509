using AntiFraud.Benchmarks.Harness;
using AntiFraud.Domain.Regions;

namespace AntiFraud.Benchmarks.Suites;

/// <summary>The in-memory region catalogue: load once, then look-ups that must cost microseconds or less and allocate nothing.</summary>
public sealed class RegionsSuite : IBenchmarkSuite
{
    private const double LookupTargetNs = 1_000;
    private const double WalkTargetNs = 10_000;

    public string Name => "regions";
    public string Title => "Regions: the catalogue in memory";

    public Task RunAsync(SuiteContext context)
    {
        var output = context.Output;
        var measurer = context.Measurer;

        // The first load in the process pays for reading the resource and for JIT compilation, as the app does at start-up.
        var cold = Measurer.Once(RegionCatalog.Load);
        var catalog = cold.Result;
        var warm = measurer.Measure(RegionCatalog.Load);

        output.WriteLine();
        output.WriteLine($"Catalogue: {Units.Count(catalog.Count)} regions " +
                         $"({string.Join(", ", Enum.GetValues<RegionTier>().Select(t => $"{Units.Count(catalog.OfTier(t).Count())} {t.ToString().ToLowerInvariant()}"))}).");
        output.WriteLine();
        new MarkdownTable("load", "time:", "allocated:")
            .Add("`RegionCatalog.Load()`, first call in the process (cold: resource read + JIT)", Units.Time(cold.Ns), Units.Allocated(cold.AllocatedBytes))
            .Add($"`RegionCatalog.Load()`, warm (median of {warm.Samples}; p95 {Units.Time(warm.P95Ns)})", Units.Time(warm.MedianNs), Units.Allocated(warm.AllocatedBytesPerOp))
            .WriteTo(output);

        var all = catalog.Subtree(catalog.Root).ToArray();
        var codes = all.Select(r => r.Code).ToArray();
        var texts = codes.Select(c => c.ToString()).ToArray();
        var counties = all.Where(r => r.Tier == RegionTier.County).ToArray();
        var countyCodes = counties.Select(r => r.Code).ToArray();
        var provinceOfCounty = counties.Select(r => r.Ancestors[1].Code).ToArray();
        var sichuan = catalog.Get(RegionCode.Parse("510000"));
        var futian = catalog.Get(RegionCode.Parse("440304"));
        var shenzhen = catalog.Get(RegionCode.Parse("440300"));
        var root = catalog.Root;

        var cases = new List<(string Operation, string Input, Func<int> Run, double TargetNs)>();
        int i = 0, j = 0, k = 0;
        cases.Add(("`Get(RegionCode)`", $"every code in turn ({Units.Count(codes.Length)})",
            () => catalog.Get(codes[Next(ref i, codes.Length)]).Code.Value, LookupTargetNs));
        cases.Add(("`TryResolve(string)`", "every code as 6-digit text in turn",
            () => catalog.TryResolve(texts[Next(ref j, texts.Length)], out var region, out _) ? region.Code.Value : -1, LookupTargetNs));
        cases.Add(("`Children` of a province, iterated", $"{sichuan.Code} {sichuan.Name} ({sichuan.Children.Count} cities)",
            () => Sum(sichuan.Children), LookupTargetNs));
        cases.Add(("`Ancestors` of a county, iterated", $"{futian.Code} {futian.Name} (3 ancestors)",
            () => Sum(futian.Ancestors), LookupTargetNs));
        cases.Add(("`Subtree(root)` as a span", $"{root.Code} {root.Name} ({Units.Count(catalog.Subtree(root).Length)} regions)",
            () => catalog.Subtree(root).Length, LookupTargetNs));
        cases.Add(("`Subtree(root)` iterated", $"{root.Code} {root.Name} ({Units.Count(catalog.Subtree(root).Length)} regions)",
            () => Sum(catalog.Subtree(root)), WalkTargetNs));
        cases.Add(("`Subtree(city)` iterated", $"{shenzhen.Code} {shenzhen.Name} ({catalog.Subtree(shenzhen).Length} regions)",
            () => Sum(catalog.Subtree(shenzhen)), LookupTargetNs));
        cases.Add(("`RegionCode.IsWithin`", "every county against its province",
            () => { var n = Next(ref k, countyCodes.Length); return countyCodes[n].IsWithin(provinceOfCounty[n]) ? 1 : 0; }, LookupTargetNs));
        cases.Add(("(harness: an empty call)", "—", () => 0, double.NaN));

        output.WriteLine();
        var table = new MarkdownTable("operation", "input", "median:", "p95:", "allocated/op:", "target", "meets target");
        foreach (var (operation, input, run, targetNs) in cases)
        {
            var m = measurer.Measure(run);
            var (target, verdict) = double.IsNaN(targetNs)
                ? ("—", "—")
                : ($"≤ {targetNs / 1_000:0} µs", m.P95Ns <= targetNs ? "yes" : "**no**");
            table.Add(operation, input, Units.Time(m.MedianNs), Units.Time(m.P95Ns), Units.Allocated(m.AllocatedBytesPerOp), target, verdict);
        }
        table.WriteTo(output);
        output.WriteLine();
        output.WriteLine("Look-ups that cycle through inputs include reading the next input from an array; the empty call is the harness's own " +
                         "cost per call, included in every figure. The verdict compares the p95 with the target: a look-up within 1 µs, " +
                         "a walk of the whole nation (linear in its size) within 10 µs.");
        return Task.CompletedTask;
    }

    private static int Next(ref int index, int length)
    {
        var current = index;
        index = current + 1 == length ? 0 : current + 1;
        return current;
    }

    private static int Sum(IReadOnlyList<Region> regions)
    {
        var sum = 0;
        for (var n = 0; n < regions.Count; n++) sum += regions[n].Code.Value;
        return sum;
    }

    private static int Sum(ReadOnlySpan<Region> regions)
    {
        var sum = 0;
        foreach (var region in regions) sum += region.Code.Value;
        return sum;
    }
}
