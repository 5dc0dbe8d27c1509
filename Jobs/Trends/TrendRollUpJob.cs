using AntiFraud.Domain.Common;
using AntiFraud.Domain.Regions;
using AntiFraud.Domain.Trends;
using Hangfire;
using Marten;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AntiFraud.Jobs.Trends;

/// <summary>What a roll-up did: the months it covered and how many documents it had to write (0 on an unchanged rerun).</summary>
public sealed record TrendRollUpResult(DateOnly FromMonth, DateOnly ToMonth, int Computed, int Written, IReadOnlyCollection<RegionCode> ChangedThisMonth);

/// <summary>
/// Monthly trends for every region and fraud type; the month still running is compared with the same days of the month before
/// and of a year before. Hourly it refreshes this month and last (late reports land there);
/// nightly it rewrites the last thirteen months. Writes only documents whose content changed, so a rerun writes nothing.
/// Screens see the new trends with their next figures (the live relay reads this month's trend with the day's totals).
/// </summary>
public sealed class TrendRollUpJob(IDocumentStore store, NpgsqlDataSource dataSource, RegionCatalog catalog, TimeProvider clock,
    ILogger<TrendRollUpJob> logger)
{
    /// <summary>Months before the first written one that are read for year-on-year and streaks.</summary>
    private const int History = 12;

    [AutomaticRetry(Attempts = 3)]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public Task<TrendRollUpResult> RunRecentAsync(CancellationToken ct) => RunAsync(monthsBack: 1, ct);

    [AutomaticRetry(Attempts = 3)]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public Task<TrendRollUpResult> RunFullAsync(CancellationToken ct) => RunAsync(monthsBack: 12, ct);

    /// <summary>Recomputes the current month and the <paramref name="monthsBack"/> before it.</summary>
    public async Task<TrendRollUpResult> RunAsync(int monthsBack, CancellationToken ct)
    {
        var today = ChinaTime.DayOf(clock.GetUtcNow());
        var current = RegionMonthTrend.MonthOf(today);
        var first = current.AddMonths(-monthsBack);
        var targets = Enumerable.Range(0, monthsBack + 1).Select(i => first.AddMonths(i)).ToList();

        var schema = store.Options.DatabaseSchemaName;
        var months = await MonthTotals.ReadAsync(dataSource, schema, first.AddMonths(-History), current, ct);
        var running = await MonthTotals.ReadRunningMonthAsync(dataSource, schema, today, ct);
        var trends = TrendCalculator.Compute(catalog, months, targets, current, running);

        await using var session = store.LightweightSession();
        var stored = (await session.Query<RegionMonthTrend>().Where(t => t.Month >= first && t.Month <= current).ToListAsync(ct))
            .ToDictionary(t => t.Id);
        var changed = trends.Where(t => !stored.TryGetValue(t.Id, out var old) || !old.SameAs(t)).ToList();
        // Regions that no longer have any data in a target month lose their document.
        var gone = stored.Keys.Except(trends.Select(t => t.Id)).ToList();
        if (changed.Count > 0) session.Store(changed.ToArray());
        foreach (var id in gone) session.Delete<RegionMonthTrend>(id);
        await session.SaveChangesAsync(ct);

        var changedNow = changed.Where(t => t.Month == current).Select(t => t.Region).ToList();
        logger.LogInformation("Trends {From:yyyy-MM} to {To:yyyy-MM}: {Computed} computed, {Written} written, {Deleted} removed",
            first, current, trends.Count, changed.Count, gone.Count);
        return new TrendRollUpResult(first, current, trends.Count, changed.Count + gone.Count, changedNow);
    }
}
