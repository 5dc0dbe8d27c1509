using AntiFraud.Domain.Regions;
using Marten;

namespace AntiFraud.Domain.Trends;

/// <summary>Reads of the stored monthly trends.</summary>
public static class TrendQueries
{
    /// <summary>The region's months from <paramref name="from"/> to <paramref name="to"/> (first days), oldest first; months never rolled up are absent.</summary>
    public static async Task<IReadOnlyList<RegionMonthTrend>> MonthsAsync(IQuerySession session, RegionCode region, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        var ids = new List<string>();
        for (var m = from; m <= to; m = m.AddMonths(1)) ids.Add(RegionMonthTrend.IdOf(region, m));
        var found = await session.LoadManyAsync<RegionMonthTrend>(ct, ids);
        return found.OrderBy(t => t.Month).ToList();
    }

    /// <summary>The children of <paramref name="parent"/> whose incidents fell month on month two months running, up to <paramref name="month"/>.</summary>
    public static async Task<IReadOnlyList<RegionMonthTrend>> ChildrenOnDeclineAsync(IQuerySession session, Region parent, DateOnly month, CancellationToken ct = default)
    {
        if (parent.Children.Count == 0) return [];
        var found = await session.LoadManyAsync<RegionMonthTrend>(ct, parent.Children.Select(c => RegionMonthTrend.IdOf(c.Code, month)));
        return found.Where(t => t.TwoMonthDecline).OrderByDescending(t => t.DeclineStreak).ThenBy(t => t.Region).ToList();
    }
}
