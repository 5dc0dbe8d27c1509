namespace AntiFraud.Domain.Simulation;

/// <summary>
/// A small deterministic random source (SplitMix64). Unlike <see cref="Random"/> its sequence is fixed by this code alone, so a
/// seed gives the same reports on every machine and runtime; each minute of simulated time gets its own source
/// (<see cref="For"/>), so any span can be generated on its own and still match a longer run minute for minute.
/// </summary>
public sealed class SimRandom(ulong state)
{
    private ulong _state = state;

    /// <summary>The source of one part of the simulation (<paramref name="kind"/>) for one bucket of time, under <paramref name="seed"/>.</summary>
    public static SimRandom For(int seed, string kind, long bucket) =>
        new(Mix(Mix((ulong)(uint)seed ^ StableHash(kind)) ^ (ulong)bucket));

    public ulong NextUInt64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, <paramref name="max"/>).</summary>
    public int Next(int max) => max <= 1 ? 0 : (int)(NextUInt64() % (ulong)max);

    public double Between(double min, double max) => min + (max - min) * NextDouble();

    public bool Chance(double probability) => NextDouble() < probability;

    /// <summary>Standard normal (Box–Muller).</summary>
    public double Normal()
    {
        var u = 1.0 - NextDouble();
        var v = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2.0 * Math.PI * v);
    }

    /// <summary>Log-normal with the given median; <paramref name="sigma"/> is the spread of its logarithm.</summary>
    public double LogNormal(double median, double sigma) => median * Math.Exp(sigma * Normal());

    /// <summary>A Poisson count with mean <paramref name="mean"/> (exact for small means, normal approximation above 40).</summary>
    public int Poisson(double mean)
    {
        if (mean <= 0) return 0;
        if (mean > 40) return Math.Max(0, (int)Math.Round(mean + Math.Sqrt(mean) * Normal()));
        var limit = Math.Exp(-mean);
        var product = NextDouble();
        var count = 0;
        while (product > limit)
        {
            count++;
            product *= NextDouble();
        }
        return count;
    }

    /// <summary>A count near <paramref name="mean"/> for large daily counters: Poisson, with extra day-to-day spread.</summary>
    public long Count(double mean, double spread = 0.08)
    {
        if (mean <= 0) return 0;
        if (mean <= 40) return Poisson(mean);
        return Math.Max(0, (long)Math.Round(mean * (1 + spread * Normal()) + Math.Sqrt(mean) * Normal()));
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>FNV-1a: <see cref="string.GetHashCode()"/> changes from process to process.</summary>
    private static ulong StableHash(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash ^= c;
            hash *= 1099511628211UL;
        }
        return hash;
    }
}

/// <summary>Picks among values with fixed relative weights.</summary>
public sealed class Weighted<T>
{
    private readonly T[] _values;
    private readonly double[] _cumulative;

    public Weighted(IEnumerable<(T Value, double Weight)> choices)
    {
        var list = choices.Where(c => c.Weight > 0).ToList();
        if (list.Count == 0) throw new ArgumentException("At least one choice needs a positive weight.", nameof(choices));
        _values = list.Select(c => c.Value).ToArray();
        _cumulative = new double[list.Count];
        var sum = 0.0;
        for (var i = 0; i < list.Count; i++) _cumulative[i] = sum += list[i].Weight;
        Total = sum;
    }

    public double Total { get; }
    public IReadOnlyList<T> Values => _values;

    /// <summary>The share of one value (0 when it cannot be picked).</summary>
    public double ShareOf(T value)
    {
        var i = Array.IndexOf(_values, value);
        return i < 0 ? 0 : (_cumulative[i] - (i == 0 ? 0 : _cumulative[i - 1])) / Total;
    }

    public T Pick(SimRandom random)
    {
        var target = random.NextDouble() * Total;
        var i = Array.BinarySearch(_cumulative, target);
        if (i < 0) i = ~i;
        return _values[Math.Min(i, _values.Length - 1)];
    }
}
