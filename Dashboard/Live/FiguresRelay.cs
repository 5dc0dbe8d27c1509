using AntiFraud.Domain.Common;
using AntiFraud.Domain.Figures;
using AntiFraud.Domain.Regions;
using AntiFraud.Domain.Trends;
using Marten;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace AntiFraud.Dashboard.Live;

public sealed class LiveOptions
{
    public const string Section = "Live";

    /// <summary>How often watched regions' figures are re-read and pushed when they changed (milliseconds).</summary>
    [System.ComponentModel.DataAnnotations.Range(200, 60_000)]
    public int FiguresIntervalMs { get; set; } = 1_000;
}

/// <summary>
/// Coalesces figures: every interval it reads today's roll-up of each region watched on this node (one query for all of them)
/// and pushes <c>figuresChanged</c> to this node's watchers of the regions whose totals moved. However many events arrive,
/// a screen gets at most one figures message per region per interval.
/// </summary>
public sealed class FiguresRelay(
    IDocumentStore store, LiveFeed feed, HubWatchers watchers, IHubContext<LiveHub, ILiveClient> hub,
    TimeProvider clock, IOptions<LiveOptions> options, ILogger<FiguresRelay> logger) : BackgroundService
{
    private readonly Dictionary<RegionCode, string> _lastSent = [];

    /// <summary>True while the last read of the figures failed (the database is unreachable): screens show their data as stale.</summary>
    public bool Stale { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(options.Value.FiguresIntervalMs), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await PushChangesAsync(stoppingToken);
                Stale = false;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                if (!Stale) logger.LogWarning(e, "Reading live figures failed; screens are told their figures are stale");
                Stale = true;
            }
        }
    }

    private async Task PushChangesAsync(CancellationToken ct)
    {
        var regions = feed.WatchedRegions.Concat(watchers.WatchedRegions).Distinct().ToList();
        if (regions.Count == 0) return;
        var day = ChinaTime.DayOf(clock.GetUtcNow());
        await using var session = store.QuerySession();
        var docs = (await session.LoadManyAsync<RegionDayTotals>(ct, regions.Select(r => RegionDayTotals.IdOf(r, day)))).ToDictionary(d => d.Region);
        var month = RegionMonthTrend.MonthOf(day);
        var trends = (await session.LoadManyAsync<RegionMonthTrend>(ct, regions.Select(r => RegionMonthTrend.IdOf(r, month)))).ToDictionary(t => t.Region);
        foreach (var region in regions)
        {
            var totals = docs.GetValueOrDefault(region) ?? new RegionDayTotals { Region = region, Day = day };
            var message = new FiguresChangedMessage(region.ToString(), day, totals.Whole(), totals.Activity.CallsIntercepted,
                totals.Activity.SmsIntercepted, totals.MedianMinutesToCallBack(), trends.GetValueOrDefault(region)?.MonthOnMonth,
                trends.GetValueOrDefault(region)?.DeclineStreak ?? 0, 0);
            var fingerprint = message.ToString();
            if (_lastSent.TryGetValue(region, out var last) && last == fingerprint) continue;
            _lastSent[region] = fingerprint;
            feed.Publish(message);
            var connections = watchers.ConnectionsWatching(region);
            if (connections.Count > 0) await hub.Clients.Clients(connections).FiguresChanged(message);
        }
        if (_lastSent.Count > 4 * regions.Count + 100)
            foreach (var gone in _lastSent.Keys.Except(regions).ToList()) _lastSent.Remove(gone);
    }
}
