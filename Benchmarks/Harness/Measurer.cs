using System.Diagnostics;

namespace AntiFraud.Benchmarks.Harness;

/// <summary>Latency and allocation of one operation: median and 95th percentile of the samples, bytes allocated per call.</summary>
public sealed record Measurement(double MedianNs, double P95Ns, double AllocatedBytesPerOp, int Samples, int CallsPerSample);

/// <summary>
/// A small hand-written harness: warm the operation up (long enough for the tiered JIT to promote it), then take timed samples.
/// Fast operations are timed in batches so the timer's own cost disappears; a sample is then the mean of its batch, and the
/// 95th percentile describes the spread between batches rather than the slowest single call. Allocations are counted with
/// <see cref="GC.GetAllocatedBytesForCurrentThread"/> over all timed calls, so the operation must run on the calling thread.
/// </summary>
public sealed class Measurer(TimeSpan warmUp, TimeSpan budget, int maxSamples)
{
    /// <summary>Figures for the docs: about a second per case.</summary>
    public static readonly Measurer Standard = new(TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(600), maxSamples: 2_000);

    /// <summary>Checks that a suite runs; the figures are only indicative.</summary>
    public static readonly Measurer Quick = new(TimeSpan.FromMilliseconds(40), TimeSpan.FromMilliseconds(60), maxSamples: 200);

    private const double TargetSampleNs = 100_000; // batch fast calls into samples of about 0.1 ms
    private const int MinSamples = 15;
    private static readonly double NsPerTick = 1e9 / Stopwatch.Frequency;

    /// <summary>Measures <paramref name="operation"/>; its result is kept so the JIT cannot drop the call.</summary>
    public Measurement Measure<T>(Func<T> operation)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        long calls = 0;
        var start = Stopwatch.GetTimestamp();
        var warmUpTicks = (long)(warmUp.TotalSeconds * Stopwatch.Frequency);
        long elapsed;
        do
        {
            Sink<T>.Value = operation();
            calls++;
            elapsed = Stopwatch.GetTimestamp() - start;
        }
        while (elapsed < warmUpTicks);

        var nsPerCall = elapsed * NsPerTick / calls;
        var batch = (int)Math.Clamp(TargetSampleNs / nsPerCall, 1, 1_000_000);
        var sampleCount = (int)Math.Clamp(budget.TotalNanoseconds / (batch * nsPerCall), MinSamples, maxSamples);
        var samples = new double[sampleCount];

        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        for (var s = 0; s < samples.Length; s++)
        {
            var t0 = Stopwatch.GetTimestamp();
            for (var i = 0; i < batch; i++) Sink<T>.Value = operation();
            samples[s] = (Stopwatch.GetTimestamp() - t0) * NsPerTick / batch;
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        Sink<T>.Value = default;

        Array.Sort(samples);
        return new Measurement(
            MedianNs: Percentile(samples, 0.50),
            P95Ns: Percentile(samples, 0.95),
            AllocatedBytesPerOp: (double)allocated / ((long)batch * samples.Length),
            Samples: samples.Length,
            CallsPerSample: batch);
    }

    /// <summary>Times a single call, cold or expensive, with the bytes it allocated.</summary>
    public static (double Ns, long AllocatedBytes, T Result) Once<T>(Func<T> operation)
    {
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var t0 = Stopwatch.GetTimestamp();
        var result = operation();
        var ns = (Stopwatch.GetTimestamp() - t0) * NsPerTick;
        return (ns, GC.GetAllocatedBytesForCurrentThread() - allocatedBefore, result);
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static class Sink<T>
    {
        public static T? Value;
    }
}
