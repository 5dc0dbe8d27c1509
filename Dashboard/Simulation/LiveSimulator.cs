using AntiFraud.Dashboard.Hosting.Embedded;
using AntiFraud.Domain.Activity;
using AntiFraud.Domain.Common;
using AntiFraud.Domain.Incidents;
using AntiFraud.Domain.Regions;
using AntiFraud.Domain.Simulation;
using AntiFraud.Domain.Warnings;
using Microsoft.Extensions.Options;

namespace AntiFraud.Dashboard.Simulation;

/// <summary>
/// Reports realistic incidents, warnings and counters live, through the same ledgers as the API, as the simulator's own national
/// reporting centre. On a store without reports it first fills the history in the background (the app serves pages meanwhile).
/// Later steps (stop-payment, freezing, call-backs...) are kept in memory as references into the deterministic generator and
/// reported when due; those still pending when the app stops are not reported after a restart.
/// </summary>
public sealed class LiveSimulator(
    IOptions<SimulatorOptions> options, IServiceProvider services, IHostEnvironment environment, RegionWeights regions,
    IncidentLedger incidents, WarningLedger warnings, ActivityLedger activity, HistoryBackfill backfill, SimulatorStatus status,
    TimeProvider clock, ILogger<LiveSimulator> logger) : BackgroundService
{
    /// <summary>The external-id stream tag of live reports.</summary>
    public const string StreamTag = "l";

    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);
    /// <summary>After an outage the simulator picks up at most this much of the missed time, not a flood.</summary>
    private static readonly TimeSpan MaxCatchUp = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan SummaryEvery = TimeSpan.FromMinutes(10);

    private readonly PriorityQueue<PendingStep, DateTimeOffset> _due = new();
    private ReportGenerator _live = null!;
    private ReportGenerator? _history;
    private DateTimeOffset _activityFrom;
    private DateTimeOffset _lastFailureLog = DateTimeOffset.MinValue;

    public bool Enabled => options.Value.IsOn(services.GetService<PostgresCluster>() is not null, environment.IsEnvironment("Testing"));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var o = options.Value;
        if (!Enabled)
        {
            status.Enter(SimulatorPhase.Off);
            logger.LogInformation("Simulator off (Simulator:Enabled is {Setting}; auto means on only with the embedded database)",
                string.IsNullOrWhiteSpace(o.Enabled) ? "auto" : o.Enabled);
            return;
        }
        if (o.BackfillMonths > 0) await BackfillAsync(o, stoppingToken);
        if (stoppingToken.IsCancellationRequested) return;

        _live = new ReportGenerator(regions, o.Seed, StreamTag, new SimulationVolume(o.IncidentsPerMinute * 1440, o.WarningsPerMinute * 1440));
        status.Enter(SimulatorPhase.Live);
        logger.LogInformation("Simulator live: about {Incidents} incidents and {Warnings} warnings a minute nationally, counters every {Flush} min (seed {Seed})",
            o.IncidentsPerMinute, o.WarningsPerMinute, o.ActivityFlushMinutes, o.Seed);

        var last = clock.GetUtcNow();
        _activityFrom = last;
        var lastSummary = last;
        var before = Snapshot();
        using var timer = new PeriodicTimer(Tick, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var now = clock.GetUtcNow();
                if (now - last > MaxCatchUp) last = now - MaxCatchUp;
                if (now - _activityFrom > MaxCatchUp) _activityFrom = now - MaxCatchUp;
                try
                {
                    await ReportNewAsync(last, now, stoppingToken);
                    await ReportDueAsync(now, stoppingToken);
                    await FlushActivityAsync(now, o.ActivityFlushMinutes, final: false, stoppingToken);
                    last = now;
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    // The database may be away for a while: keep the app up and try the same span again on the next tick.
                    status.Failed(e.Message);
                    if (now - _lastFailureLog >= TimeSpan.FromMinutes(1))
                    {
                        _lastFailureLog = now;
                        logger.LogWarning(e, "Simulator: reporting failed; retrying");
                    }
                }
                if (now - lastSummary >= SummaryEvery)
                {
                    var current = Snapshot();
                    logger.LogInformation("Simulator: {Incidents:N0} incidents, {Steps:N0} later steps, {Warnings:N0} warnings, {Outcomes:N0} call-backs, {Activity:N0} counter reports in the last {Minutes:N0} min",
                        current.Incidents - before.Incidents, current.Steps - before.Steps, current.Warnings - before.Warnings,
                        current.Outcomes - before.Outcomes, current.Activity - before.Activity, (now - lastSummary).TotalMinutes);
                    (before, lastSummary) = (current, now);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        // Report the counters of the unfinished span, so a restart loses nothing of them.
        try
        {
            using var flush = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await FlushActivityAsync(clock.GetUtcNow(), o.ActivityFlushMinutes, final: true, flush.Token);
        }
        catch (Exception e)
        {
            logger.LogDebug(e, "Simulator: the last counters could not be reported at shutdown");
        }
        status.Enter(SimulatorPhase.Stopped);
    }

    private async Task BackfillAsync(SimulatorOptions o, CancellationToken ct)
    {
        status.Enter(SimulatorPhase.Backfilling);
        try
        {
            var plan = BackfillPlan.ForMonths(o.BackfillMonths, clock.GetUtcNow(), o);
            var state = await backfill.InspectAsync(plan, ct);
            if (state.Present == 0 && state.StoreHasOtherReports)
            {
                logger.LogInformation("History: the store already holds reports from reporting centres, so no history is simulated (the backfill command adds it)");
                return;
            }
            var result = await backfill.FillAsync(plan, state, ct);
            _history = backfill.Generator(plan.Seed, plan.IncidentsPerDay, plan.WarningsPerDay);
            foreach (var step in result.Pending) _due.Enqueue(step, step.Due);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            status.Failed(e.Message);
            logger.LogError(e, "History: the backfill failed; the simulator goes live without it");
        }
        catch (Exception) when (ct.IsCancellationRequested)
        {
            // Stopping mid-backfill (Ctrl+C on the first run) rolls back the day being written; whatever the database driver
            // throws on the way out is part of stopping, not a failure. The next start fills the days still missing.
            logger.LogInformation("History: the backfill stopped with the app; the next start fills the days still missing");
        }
    }

    private async Task ReportNewAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        foreach (var incident in _live.Incidents(from, to))
        {
            var result = await incidents.ReportAsync(incident.Report, SimulatorCentre.Key, SimulatorCentre.Centre, ct);
            if (Counted(result, incident.Report.ExternalId)) status.Incident();
            for (var step = 0; step < incident.FollowUps.Count; step++)
                _due.Enqueue(new PendingStep(incident.FollowUps[step].At, false, false, incident.Bucket, incident.Index, step), incident.FollowUps[step].At);
        }
        foreach (var warning in _live.Warnings(from, to))
        {
            var result = await warnings.IssueAsync(warning.Report, SimulatorCentre.Key, SimulatorCentre.Centre, ct);
            if (Counted(result, warning.Report.ExternalId)) status.Warning();
            for (var step = 0; step < warning.Outcomes.Count; step++)
                _due.Enqueue(new PendingStep(warning.Outcomes[step].At, false, true, warning.Bucket, warning.Index, step), warning.Outcomes[step].At);
        }
    }

    private async Task ReportDueAsync(DateTimeOffset now, CancellationToken ct)
    {
        while (_due.TryPeek(out var step, out var due) && due <= now)
        {
            var generator = step.History ? _history : _live;
            if (generator is not null)
            {
                if (step.Warning)
                {
                    var warning = generator.WarningBucket(step.Bucket).Single(w => w.Index == step.Index);
                    var outcome = warning.Outcomes[step.Step];
                    var result = await warnings.RecordOutcomeAsync(WarningLedger.StreamId(SimulatorCentre.Key, warning.Report.ExternalId), outcome, ct);
                    if (Counted(result, outcome.ExternalId)) status.Outcome();
                }
                else
                {
                    var incident = generator.IncidentBucket(step.Bucket).Single(i => i.Index == step.Index);
                    var command = incident.FollowUps[step.Step];
                    var result = await incidents.RecordAsync(IncidentLedger.StreamId(SimulatorCentre.Key, incident.Report.ExternalId), command, ct);
                    if (Counted(result, command.ExternalId)) status.Step();
                }
            }
            _due.Dequeue();
        }
    }

    /// <summary>Reports each province's counters for every finished span of the flush grid (aligned to China midnight).</summary>
    private async Task FlushActivityAsync(DateTimeOffset now, int flushMinutes, bool final, CancellationToken ct)
    {
        while (true)
        {
            var day = ChinaTime.DayOf(_activityFrom);
            var dayStart = ChinaTime.StartOf(day);
            var slot = (int)((_activityFrom - dayStart).TotalMinutes / flushMinutes) + 1;
            var end = dayStart.AddMinutes((double)slot * flushMinutes);
            var midnight = ChinaTime.StartOf(day.AddDays(1));
            if (end > midnight) end = midnight;
            if (end > now)
            {
                if (!final || now <= _activityFrom) return;
                end = now;
            }
            foreach (var province in regions.Provinces.Values)
            {
                var report = _live.Activity(province, _activityFrom, end);
                var result = await activity.ReportAsync(report, SimulatorCentre.Key, SimulatorCentre.Centre, ct);
                if (Counted(result, report.ExternalId)) status.Activity();
            }
            _activityFrom = end;
        }
    }

    private bool Counted(ReportResult result, string externalId)
    {
        switch (result.Outcome)
        {
            case ReportOutcome.Created:
                return true;
            case ReportOutcome.AlreadyStored or ReportOutcome.NotFound:
                return false;
            default:
                status.Refusal();
                logger.LogWarning("Simulator: report {ExternalId} was {Outcome}: {Errors}", externalId, result.Outcome,
                    string.Join(" ", result.Errors.Select(e => $"{e.Field}: {e.Message}")));
                return false;
        }
    }

    private (long Incidents, long Steps, long Warnings, long Outcomes, long Activity) Snapshot() =>
        (status.IncidentsReported, status.StepsRecorded, status.WarningsIssued, status.OutcomesRecorded, status.ActivityReports);
}
