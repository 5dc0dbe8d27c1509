using AntiFraud.Domain.Activity;
using AntiFraud.Domain.Incidents;
using AntiFraud.Domain.Regions;
using AntiFraud.Domain.Warnings;
using Marten;

namespace AntiFraud.Domain.Figures;

/// <summary>A region subtree's totals over a span of China days, summed from the per-day roll-ups.</summary>
public sealed record RegionTotals(
    RegionCode Region, DateOnly From, DateOnly To,
    long Incidents, IReadOnlyDictionary<FraudType, long> IncidentsByType, IReadOnlyDictionary<Channel, long> IncidentsByChannel,
    decimal Loss, decimal Stopped, decimal Frozen, decimal Returned,
    long CasesFiled, long CasesSolved, long Arrests, long SuspectsIdentified, long PerpetratorsFromHere, long DensLocatedHere,
    long WarningsIssued, long WarningsCalledBack, IReadOnlyDictionary<WarningOutcome, long> WarningOutcomes, long Dissuaded,
    double? MedianMinutesToCallBack, double? MeanMinutesToCallBack, ActivityCounts Activity)
{
    public static RegionTotals Sum(RegionCode region, DateOnly from, DateOnly to, IEnumerable<RegionDayTotals> days)
    {
        var list = days.ToList();
        var histogram = new SortedDictionary<int, long>();
        foreach (var (minute, count) in list.SelectMany(d => d.CallBackMinutes))
            histogram[minute] = histogram.GetValueOrDefault(minute) + count;
        var calledBack = list.Sum(d => d.WarningsCalledBack);
        return new RegionTotals(region, from, to,
            list.Sum(d => d.Incidents), SumBy(list.Select(d => d.IncidentsByType)), SumBy(list.Select(d => d.IncidentsByChannel)),
            list.Sum(d => d.Loss), list.Sum(d => d.Stopped), list.Sum(d => d.Frozen), list.Sum(d => d.Returned),
            list.Sum(d => d.CasesFiled), list.Sum(d => d.CasesSolved), list.Sum(d => d.Arrests), list.Sum(d => d.SuspectsIdentified),
            list.Sum(d => d.PerpetratorsFromHere), list.Sum(d => d.DensLocatedHere),
            list.Sum(d => d.WarningsIssued), calledBack, SumBy(list.Select(d => d.WarningOutcomes)), list.Sum(d => d.Dissuaded),
            Median(histogram, calledBack), calledBack == 0 ? null : Math.Round(list.Sum(d => d.CallBackMinutesTotal) / calledBack, 1),
            list.Aggregate(ActivityCounts.Zero, (a, d) => a.Plus(d.Activity)));
    }

    private static Dictionary<TKey, long> SumBy<TKey>(IEnumerable<Dictionary<TKey, long>> parts) where TKey : notnull
    {
        var sum = new Dictionary<TKey, long>();
        foreach (var (key, value) in parts.SelectMany(p => p))
            sum[key] = sum.GetValueOrDefault(key) + value;
        // In key order: the same figures always read the same, whatever order the events were rolled up in.
        return sum.Where(kv => kv.Value != 0).OrderBy(kv => kv.Key).ToDictionary();
    }

    // The histogram holds whole minutes: the median is the minute in which the middle call-back fell.
    public static double? Median(SortedDictionary<int, long> histogram, long count)
    {
        if (count == 0) return null;
        var middle = (count + 1) / 2;
        long seen = 0;
        foreach (var (minute, n) in histogram)
        {
            seen += n;
            if (seen >= middle) return minute;
        }
        return histogram.Keys.Last();
    }
}

/// <summary>Reads a subtree's figures from the per-day roll-ups: one document per day, whatever the tier.</summary>
public static class RegionFigures
{
    public const int MaxDays = 800;

    public static async Task<RegionTotals> TotalsAsync(IQuerySession session, RegionCode region, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        var ids = Days(from, to).Select(d => RegionDayTotals.IdOf(region, d)).ToList();
        var days = await session.LoadManyAsync<RegionDayTotals>(ct, ids);
        return RegionTotals.Sum(region, from, to, days);
    }

    /// <summary>The longest span <see cref="TotalsForManyAsync"/> reads at once (a year and a month, with room to spare).</summary>
    public const int MaxDaysForMany = 400;

    /// <summary>
    /// Several subtrees' totals over the same span of China days, read with one <c>LoadManyAsync</c> (one round trip) however many
    /// regions are asked for; every region asked for is in the answer, with zeros when nothing was reported.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The span ends before it starts or is longer than <see cref="MaxDaysForMany"/> days.</exception>
    public static async Task<IReadOnlyDictionary<RegionCode, RegionTotals>> TotalsForManyAsync(IQuerySession session, IEnumerable<RegionCode> regions,
        DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        if (to < from)
            throw new ArgumentOutOfRangeException(nameof(to), $"The span ends on {to:yyyy-MM-dd}, before it starts on {from:yyyy-MM-dd}.");
        var length = to.DayNumber - from.DayNumber + 1;
        if (length > MaxDaysForMany)
            throw new ArgumentOutOfRangeException(nameof(to), $"At most {MaxDaysForMany} days at a time; {from:yyyy-MM-dd} to {to:yyyy-MM-dd} is {length} days.");

        var codes = regions.Distinct().ToList();
        if (codes.Count == 0) return new Dictionary<RegionCode, RegionTotals>();
        var days = Days(from, to).ToList();
        var ids = codes.SelectMany(code => days.Select(d => RegionDayTotals.IdOf(code, d))).ToArray();
        var loaded = await session.LoadManyAsync<RegionDayTotals>(ct, ids);
        var byRegion = loaded.ToLookup(d => d.Region);
        return codes.ToDictionary(code => code, code => RegionTotals.Sum(code, from, to, byRegion[code]));
    }

    public static IEnumerable<DateOnly> Days(DateOnly from, DateOnly to)
    {
        for (var d = from; d <= to; d = d.AddDays(1)) yield return d;
    }
}
