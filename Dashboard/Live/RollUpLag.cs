using AntiFraud.Dashboard.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AntiFraud.Dashboard.Live;

/// <summary>How far the roll-ups were behind the stored events when last looked at.</summary>
/// <param name="Uncounted">Events stored but not yet counted by every roll-up.</param>
/// <param name="Lag">How long the oldest of them has been waiting (to the monitor's interval); zero when all are counted.</param>
public sealed record RollUpState(long Uncounted, TimeSpan Lag)
{
    public static readonly RollUpState CaughtUp = new(0, TimeSpan.Zero);

    /// <summary>
    /// Normal work keeps the roll-ups within a second of the events (the daemon polls every 250 ms); a longer lag means history
    /// being filled on a first start, a rebuild, or the daemon's node gone, and is worth telling the person reading the figures.
    /// </summary>
    public static readonly TimeSpan Worth = TimeSpan.FromSeconds(6);

    public bool Shown => Uncounted > 0 && Lag >= Worth;
}

/// <summary>
/// The figures every screen shows are read from roll-ups that the projection daemon writes after the events are stored; lists of
/// incidents are not. While the roll-ups are behind, a page's figures disagree with its own list, so the screens say so (and the
/// region page reads its figures again once they have caught up) instead of leaving a commander to wonder which is right.
/// </summary>
public sealed class RollUpLag(TimeProvider clock)
{
    // When each newly seen high-water mark was first seen: the oldest still above what the roll-ups have counted dates the lag.
    private readonly List<(DateTimeOffset At, long Stored)> _seen = [];
    private const int MaxRemembered = 512;
    private RollUpState _state = RollUpState.CaughtUp;

    /// <summary>The last reading; screens look at it on their own ticks.</summary>
    public RollUpState Current => Volatile.Read(ref _state);

    /// <summary>Takes a reading: the highest event stored and the lowest event every roll-up has counted.</summary>
    public void Report(long stored, long counted)
    {
        RollUpState next;
        var now = clock.GetUtcNow();
        lock (_seen)
        {
            if (_seen.Count == 0 || stored > _seen[^1].Stored) _seen.Add((now, stored));
            _seen.RemoveAll(s => s.Stored <= counted);
            // A daemon gone for hours: keep the oldest reading (it dates the lag) and the newest.
            if (_seen.Count > MaxRemembered) _seen.RemoveRange(1, _seen.Count - MaxRemembered);
            next = _seen.Count == 0 ? RollUpState.CaughtUp : new RollUpState(Math.Max(0, stored - counted), now - _seen[0].At);
        }
        Volatile.Write(ref _state, next);
    }
}

/// <summary>Reads the roll-ups' progress every <see cref="Interval"/>: one small query (two index look-ups) per node.</summary>
public sealed class RollUpLagMonitor(RollUpLag lag, NpgsqlDataSource dataSource, IOptions<MartenStoreOptions> marten, ILogger<RollUpLagMonitor> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var schema = marten.Value.Schema;
        // The highest event stored, and the least progress of the asynchronous projections (the daemon's own high-water mark is
        // not one of them). Before the daemon's first run there is no progress row: nothing is counted yet.
        var sql = $"select coalesce((select max(seq_id) from {schema}.mt_events), 0), " +
                  $"coalesce((select min(last_seq_id) from {schema}.mt_event_progression where name not like 'HighWater%'), 0)";
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                await using var command = dataSource.CreateCommand(sql);
                await using var reader = await command.ExecuteReaderAsync(stoppingToken);
                await reader.ReadAsync(stoppingToken);
                lag.Report(reader.GetInt64(0), reader.GetInt64(1));
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                // The database is away: the screens say that already (their figures are stale); nothing to add here.
                logger.LogDebug(e, "Reading the roll-ups' progress failed");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

/// <summary>
/// A page's watch on the roll-ups: every <see cref="RollUpLagMonitor.Interval"/> it checks whether the figures are behind the
/// events (<see cref="RollUpState.Shown"/>) and, when that changes, runs <c>changed</c> through the page's dispatcher. Made by
/// the page in its circuit, so the callbacks run with the circuit's culture (an event raised by the monitor would carry the
/// monitor's).
/// </summary>
public sealed class RollUpWatch : IDisposable
{
    private readonly RollUpLag _lag;
    private readonly Func<Func<Task>, Task> _dispatch;
    private readonly Func<bool, Task> _changed;
    private readonly Timer _timer;

    /// <param name="dispatch">The page's <c>InvokeAsync</c>.</param>
    /// <param name="changed">Told the new state (true: behind); a page reads its figures again when they have caught up.</param>
    public RollUpWatch(RollUpLag lag, Func<Func<Task>, Task> dispatch, Func<bool, Task> changed)
    {
        _lag = lag;
        _dispatch = dispatch;
        _changed = changed;
        Behind = lag.Current.Shown;
        _timer = new Timer(_ => _ = CheckAsync(), null, RollUpLagMonitor.Interval, RollUpLagMonitor.Interval);
    }

    /// <summary>Whether the page should say its figures are still being counted.</summary>
    public bool Behind { get; private set; }

    private async Task CheckAsync()
    {
        var behind = _lag.Current.Shown;
        if (behind == Behind) return;
        try
        {
            await _dispatch(async () =>
            {
                Behind = behind;
                await _changed(behind);
            });
        }
        catch (ObjectDisposedException)
        {
            // The circuit ended meanwhile.
        }
    }

    public void Dispose() => _timer.Dispose();
}
