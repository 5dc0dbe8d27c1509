using AntiFraud.Domain.Common;
using AntiFraud.Domain.Incidents;
using AntiFraud.Domain.Regions;
using Marten;
using Marten.Linq;

namespace AntiFraud.Dashboard.Features.Regions;

/// <summary>Filters of a region's incident list; null means "any". Days are China days, both ends included.</summary>
public sealed record IncidentFilter(
    FraudType? FraudType = null, Channel? Channel = null, DateOnly? From = null, DateOnly? To = null,
    decimal? MinLoss = null, decimal? MaxLoss = null, IncidentStatus? Status = null)
{
    /// <summary>True when anything beyond the dates narrows the list.</summary>
    public bool NarrowsBeyondDates => FraudType is not null || Channel is not null || MinLoss is not null || MaxLoss is not null || Status is not null;
}

/// <summary>One page of incidents and how many match in all.</summary>
public sealed record IncidentPage(IReadOnlyList<IncidentDetails> Items, long Total);

/// <summary>The incidents of a region's subtree, filtered on the server, newest (by time of occurrence) first, a page at a time.</summary>
public static class IncidentSearch
{
    public const int MaxPageSize = 100;

    public static async Task<IncidentPage> FindAsync(IQuerySession session, RegionCode region, IncidentFilter filter, int page, int pageSize,
        CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(page);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, MaxPageSize);

        var (min, max) = region.SubtreeRange;
        var query = session.Query<IncidentDetails>().Stats(out QueryStatistics stats)
            .Where(i => i.CountyNumber >= min && i.CountyNumber <= max);
        if (filter.FraudType is { } type) query = query.Where(i => i.FraudType == type);
        if (filter.Channel is { } channel) query = query.Where(i => i.Channel == channel);
        if (filter.Status is { } status) query = query.Where(i => i.Status == status);
        if (filter.From is { } from)
        {
            var start = ChinaTime.StartOf(from);
            query = query.Where(i => i.OccurredAt >= start);
        }
        if (filter.To is { } to)
        {
            var end = ChinaTime.StartOf(to.AddDays(1));
            query = query.Where(i => i.OccurredAt < end);
        }
        if (filter.MinLoss is { } minLoss) query = query.Where(i => i.LossAmount >= minLoss);
        if (filter.MaxLoss is { } maxLoss) query = query.Where(i => i.LossAmount <= maxLoss);

        var items = await query
            .OrderByDescending(i => i.OccurredAt).ThenByDescending(i => i.ReportedAt).ThenBy(i => i.Id)
            .Skip(page * pageSize).Take(pageSize)
            .ToListAsync(ct);
        return new IncidentPage(items, stats.TotalResults);
    }
}
