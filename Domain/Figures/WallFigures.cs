using AntiFraud.Domain.Common;
using AntiFraud.Domain.Incidents;
using AntiFraud.Domain.Regions;
using AntiFraud.Domain.Warnings;
using Marten;

namespace AntiFraud.Domain.Figures;

public sealed record DayPoint(DateOnly Day, long Incidents, decimal Loss);

/// <summary>A region's figures for the China day so far, and yesterday's up to the same time of day.</summary>
public sealed record TodaySoFar(DateOnly Day, FigureSet Today, FigureSet YesterdaySameTime);

/// <summary>Everything a live wall screen shows for one region at one moment, read with one round trip for the figures.</summary>
public sealed record WallSnapshot(
    RegionCode Region, DateTimeOffset At, RegionDayTotals Today, RegionDayTotals Yesterday, FigureSet YesterdaySameTime,
    IReadOnlyDictionary<RegionCode, RegionDayTotals> ChildrenToday, IReadOnlyList<DayPoint> Last30Days)
{
    public DateOnly Day => Today.Day;
}

public static class WallFigures
{
    public static async Task<WallSnapshot> LoadAsync(IQuerySession session, Region region, DateTimeOffset now, CancellationToken ct = default)
    {
        var today = ChinaTime.DayOf(now);
        var days = Enumerable.Range(0, 30).Select(i => today.AddDays(-29 + i)).ToList();
        var ids = days.Select(d => RegionDayTotals.IdOf(region.Code, d))
            .Concat(region.Children.Select(c => RegionDayTotals.IdOf(c.Code, today)))
            .ToList();
        var loaded = (await session.LoadManyAsync<RegionDayTotals>(ct, ids)).ToDictionary(d => d.Id);

        RegionDayTotals Doc(RegionCode code, DateOnly day) =>
            loaded.TryGetValue(RegionDayTotals.IdOf(code, day), out var d) ? d : new RegionDayTotals { Id = RegionDayTotals.IdOf(code, day), Region = code, Day = day };

        var yesterday = Doc(region.Code, today.AddDays(-1));
        return new WallSnapshot(
            region.Code, now, Doc(region.Code, today), yesterday, SameTime(yesterday, now),
            region.Children.ToDictionary(c => c.Code, c => Doc(c.Code, today)),
            days.Select(d => Doc(region.Code, d)).Select(d => new DayPoint(d.Day, d.Incidents, d.Loss)).ToList());
    }

    /// <summary>Today's figures and yesterday's up to the same time, with one round trip for the two day documents only.</summary>
    public static async Task<TodaySoFar> TodaySoFarAsync(IQuerySession session, RegionCode region, DateTimeOffset now, CancellationToken ct = default)
    {
        var today = ChinaTime.DayOf(now);
        var (todayId, yesterdayId) = (RegionDayTotals.IdOf(region, today), RegionDayTotals.IdOf(region, today.AddDays(-1)));
        var docs = (await session.LoadManyAsync<RegionDayTotals>(ct, todayId, yesterdayId)).ToDictionary(d => d.Id);
        return new TodaySoFar(today, docs.GetValueOrDefault(todayId)?.Whole() ?? FigureSet.Zero,
            docs.TryGetValue(yesterdayId, out var yesterday) ? SameTime(yesterday, now) : FigureSet.Zero);
    }

    private static FigureSet SameTime(RegionDayTotals yesterday, DateTimeOffset now)
    {
        var china = now.ToChina();
        return yesterday.UpTo(china.Hour, china.Minute);
    }

    /// <summary>The latest incidents in the region's subtree, newest first (the ticker, and its catch-up after a reconnect).</summary>
    public static async Task<IReadOnlyList<IncidentDetails>> LatestIncidentsAsync(IQuerySession session, RegionCode region, int count, CancellationToken ct = default)
    {
        var (min, max) = region.SubtreeRange;
        return await session.Query<IncidentDetails>()
            .Where(i => i.CountyNumber >= min && i.CountyNumber <= max)
            .OrderByDescending(i => i.ReportedAt)
            .Take(count)
            .ToListAsync(ct);
    }

    public static async Task<IReadOnlyList<WarningDetails>> LatestWarningsAsync(IQuerySession session, RegionCode region, int count, CancellationToken ct = default)
    {
        var (min, max) = region.SubtreeRange;
        return await session.Query<WarningDetails>()
            .Where(w => w.CountyNumber >= min && w.CountyNumber <= max)
            .OrderByDescending(w => w.IssuedAt)
            .Take(count)
            .ToListAsync(ct);
    }
}
