namespace AntiFraud.Benchmarks.Harness;

/// <summary>A group of measurements selected by name on the command line.</summary>
public interface IBenchmarkSuite
{
    /// <summary>What is typed on the command line, lower case: <c>regions</c>, <c>map</c>…</summary>
    string Name { get; }

    /// <summary>The heading printed above the suite's tables.</summary>
    string Title { get; }

    /// <summary>Measures and writes Markdown (tables and short notes) to <see cref="SuiteContext.Output"/>.</summary>
    Task RunAsync(SuiteContext context);
}

/// <summary>What every suite gets: where to write, and how long to measure each case.</summary>
public sealed record SuiteContext(TextWriter Output, Measurer Measurer);
