using System.Globalization;

namespace AntiFraud.Benchmarks.Harness;

/// <summary>How figures are written in the tables: invariant culture, three significant digits, unit chosen by size.</summary>
public static class Units
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Time(double ns) => ns switch
    {
        < 1_000 => $"{Significant(ns)} ns",
        < 1_000_000 => $"{Significant(ns / 1_000)} µs",
        < 1_000_000_000 => $"{Significant(ns / 1_000_000)} ms",
        _ => $"{Significant(ns / 1_000_000_000)} s",
    };

    /// <summary>Allocated bytes per call: exact for whole numbers, one decimal otherwise (a fraction means an occasional allocation).</summary>
    public static string Allocated(double bytes) => bytes switch
    {
        < 0.05 => "0 B",
        < 10 * 1024 => bytes == Math.Floor(bytes) ? $"{bytes.ToString("N0", Invariant)} B" : $"{bytes.ToString("N1", Invariant)} B",
        < 10 * 1024 * 1024 => $"{Significant(bytes / 1024)} KB",
        _ => $"{Significant(bytes / (1024 * 1024))} MB",
    };

    /// <summary>A size in bytes with its KB (1 KB = 1,024 bytes) in brackets from 1 KB up.</summary>
    public static string Size(long bytes) =>
        bytes < 1024 ? $"{bytes.ToString("N0", Invariant)} B" : $"{bytes.ToString("N0", Invariant)} B ({Significant(bytes / 1024.0)} KB)";

    public static string Count(long value) => value.ToString("N0", Invariant);

    public static string Percent(double fraction) => fraction < 0.001 && fraction > 0
        ? (fraction * 100).ToString("0.00", Invariant) + " %"
        : (fraction * 100).ToString("0.0", Invariant) + " %";

    private static string Significant(double value) => value switch
    {
        >= 100 => value.ToString("0", Invariant),
        >= 10 => value.ToString("0.0", Invariant),
        _ => value.ToString("0.00", Invariant),
    };
}
