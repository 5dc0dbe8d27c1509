namespace AntiFraud.Benchmarks.Soak;

/// <summary>
/// A fixed-size, thread-safe latency histogram: 0.05 ms steps below 100 ms, 1 ms steps up to 60 s (anything slower counts as 60 s).
/// A soak records millions of deliveries; keeping every latency would itself make the load generator's memory grow.
/// </summary>
public sealed class LatencyHistogram
{
    private const int FineSteps = 2_000;
    private const int CoarseSteps = 60_000;
    private readonly long[] _counts = new long[FineSteps + CoarseSteps];

    public void Add(double ms)
    {
        var index = ms < 100 ? (int)(Math.Max(ms, 0) * 20) : Math.Min(FineSteps + (int)(ms - 100), _counts.Length - 1);
        Interlocked.Increment(ref _counts[index]);
    }

    public long Count
    {
        get
        {
            long total = 0;
            foreach (var count in _counts) total += Interlocked.Read(in count);
            return total;
        }
    }

    /// <summary>The upper edge of the bucket holding the p-th latency, in milliseconds; NaN when empty.</summary>
    public double Percentile(double p)
    {
        var total = Count;
        if (total == 0) return double.NaN;
        var rank = Math.Max(1, (long)Math.Ceiling(p * total));
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += Interlocked.Read(in _counts[i]);
            if (seen >= rank) return UpperEdge(i);
        }
        return UpperEdge(_counts.Length - 1);
    }

    public double Max()
    {
        for (var i = _counts.Length - 1; i >= 0; i--)
            if (Interlocked.Read(in _counts[i]) > 0) return UpperEdge(i);
        return double.NaN;
    }

    private static double UpperEdge(int index) => index < FineSteps ? (index + 1) / 20.0 : 100 + (index - FineSteps) + 1;
}
