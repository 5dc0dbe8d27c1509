using System.Diagnostics;
using AntiFraud.Domain.Activity;
using AntiFraud.Domain.Common;
using AntiFraud.Domain.Incidents;
using AntiFraud.Domain.Regions;
using AntiFraud.Domain.Simulation;
using AntiFraud.Domain.Warnings;
using AntiFraud.Jobs.Briefings;
using AntiFraud.Jobs.Cards;
using AntiFraud.Jobs.Trends;
using Hangfire;
using JasperFx.Events;
using Marten;
using Marten.Events.Aggregation;
using Weasel.Core;

namespace AntiFraud.Dashboard.Simulation;

/// <summary>A span of history to fill, and at what volume.</summary>
public sealed record BackfillPlan(DateTimeOffset From, DateTimeOffset To, int Seed, double IncidentsPerDay, double WarningsPerDay)
{
    /// <summary>
    /// From the first day of the China month <paramref name="months"/> months before <paramref name="now"/>, up to now: whole
    /// months, so that the first month shown compares with a whole month before it rather than its last few days.
    /// </summary>
    public static BackfillPlan ForMonths(int months, DateTimeOffset now, SimulatorOptions options)
    {
        var first = ChinaTime.DayOf(now).AddMonths(-months);
        return ForDays(new DateOnly(first.Year, first.Month, 1), now, options);
    }

    public static BackfillPlan ForDays(DateOnly firstDay, DateTimeOffset now, SimulatorOptions options) =>
        new(ChinaTime.StartOf(firstDay), now, options.Seed, options.HistoryIncidentsPerDay, options.HistoryWarningsPerDay);
}

/// <summary>What a backfill found and did; <see cref="Pending"/> are later steps of recent history not due yet, for the live simulator.</summary>
public sealed record BackfillResult(
    int DaysFilled, int DaysPresent, long Incidents, long Warnings, long ActivityReports, long Events,
    TimeSpan Writing, TimeSpan RollingUp, IReadOnlyList<PendingStep> Pending)
{
    public TimeSpan Total => Writing + RollingUp;
}

/// <summary>A later step of a simulated report, named by where the generator puts it so it can be generated again when due.</summary>
public readonly record struct PendingStep(DateTimeOffset Due, bool History, bool Warning, long Bucket, int Index, int Step);

/// <summary>Which China days of a plan hold history already, where the history must end, and whether others have reported.</summary>
public sealed record BackfillState(IReadOnlyList<DateOnly> Missing, int Present, DateTimeOffset End, bool StoreHasOtherReports);

/// <summary>
/// Fills realistic history through the domain path at bulk speed: the generator's reports pass the API's validation, become events
/// through the ledgers' <c>ToEvent</c> and the pure decisions (exactly the events the API would store), and are stored with Marten's
/// bulk event insert (COPY), a few thousand events per transaction, with the read models the inline projections would have built.
/// Idempotent: stream ids derive from the external ids, each day's counters (stored in the same transaction) mark the day as done,
/// days already done are skipped, and history stops where the live simulator's reports begin, so nothing is ever doubled.
/// </summary>
public sealed class HistoryBackfill(
    IDocumentStore store, RegionCatalog catalog, RegionWeights regions, IncidentLedger incidents, WarningLedger warnings,
    ActivityLedger activity, TimeProvider clock, ILogger<HistoryBackfill> logger, IBackgroundJobClient? jobs = null)
{
    /// <summary>The external-id stream tag of history (live reports use "l").</summary>
    public const string StreamTag = "h";
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan StallLimit = TimeSpan.FromMinutes(3);
    /// <summary>Days are stored in chunks of about this many events.</summary>
    private const int ChunkEvents = 5_000;
    private static readonly IncidentDetailsProjection IncidentDetailsProjection = new();
    private static readonly WarningDetailsProjection WarningDetailsProjection = new();

    public ReportGenerator Generator(int seed, double incidentsPerDay, double warningsPerDay) =>
        new(regions, seed, StreamTag, new SimulationVolume(incidentsPerDay, warningsPerDay, Seasonal: true));

    /// <summary>The days of the plan, which of them are done, and whether the store holds reports other than the simulator's.</summary>
    public async Task<BackfillState> InspectAsync(BackfillPlan plan, CancellationToken ct = default)
    {
        await using var session = store.QuerySession();
        var end = plan.To;
        if (await FirstLiveReportAsync(session, ct) is { } live && live < end) end = live;
        var days = Days(plan.From, end).ToList();

        var marker = Generator(plan.Seed, plan.IncidentsPerDay, plan.WarningsPerDay);
        var batch = session.CreateBatchQuery();
        var states = days.Select(d => batch.Events.FetchStreamState(MarkerOf(marker, d))).ToList();
        // Reports from anyone but the simulator (its own, even half-written ones, do not count).
        var any = batch.Query<IncidentDetails>().Any(d => !d.ExternalId.StartsWith("sim-"));
        var anyWarning = batch.Query<WarningDetails>().Any(d => !d.ExternalId.StartsWith("sim-"));
        await batch.Execute(ct);
        var missing = new List<DateOnly>();
        for (var i = 0; i < days.Count; i++)
            if (await states[i] is null) missing.Add(days[i]);
        return new BackfillState(missing, days.Count - missing.Count, end, await any || await anyWarning);
    }

    /// <summary>Fills every day of the plan not filled before, then waits for the roll-ups to catch up (a daemon must be running).</summary>
    public async Task<BackfillResult> RunAsync(BackfillPlan plan, CancellationToken ct = default)
    {
        var state = await InspectAsync(plan, ct);
        return await FillAsync(plan, state, ct);
    }

    /// <summary>Fills the days <see cref="InspectAsync"/> found missing, then waits for the roll-ups to catch up.</summary>
    public async Task<BackfillResult> FillAsync(BackfillPlan plan, BackfillState state, CancellationToken ct = default)
    {
        var generator = Generator(plan.Seed, plan.IncidentsPerDay, plan.WarningsPerDay);
        var pending = new List<PendingStep>();
        var watch = Stopwatch.StartNew();
        if (state.Missing.Count == 0)
        {
            logger.LogInformation("History: all {Days} days from {From:yyyy-MM-dd} are there already; nothing to fill", state.Present, ChinaTime.DayOf(plan.From));
            return new BackfillResult(0, state.Present, 0, 0, 0, 0, TimeSpan.Zero, TimeSpan.Zero, pending);
        }
        logger.LogInformation("History: filling {Missing} China days from {From:yyyy-MM-dd} to {To:yyyy-MM-dd} ({Present} there already) at about {Incidents:N0} incidents and {Warnings:N0} warnings a day",
            state.Missing.Count, state.Missing[0], state.Missing[^1], state.Present, plan.IncidentsPerDay, plan.WarningsPerDay);

        // Generating days and writing the previous ones overlap: two cores, two stages. Days go in chunks of a few thousand
        // events, one transaction each (with their markers), so a write costs little overhead and a crash loses at most a chunk.
        var days = System.Threading.Channels.Channel.CreateBounded<DayOfHistory>(new System.Threading.Channels.BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        var producer = Task.Run(async () =>
        {
            try
            {
                DayOfHistory? chunk = null;
                foreach (var day in state.Missing)
                {
                    ct.ThrowIfCancellationRequested();
                    var built = Build(generator, day, state.End, pending);
                    chunk = chunk is null ? built : chunk.Add(built);
                    if (chunk.Events < ChunkEvents) continue;
                    await days.Writer.WriteAsync(chunk, ct);
                    chunk = null;
                }
                if (chunk is not null) await days.Writer.WriteAsync(chunk, ct);
                days.Writer.Complete();
            }
            catch (Exception e)
            {
                days.Writer.Complete(e);
            }
        }, ct);

        long incidentCount = 0, warningCount = 0, activityCount = 0, eventCount = 0;
        var filled = 0;
        var lastProgress = watch.Elapsed;
        await foreach (var day in days.Reader.ReadAllAsync(ct))
        {
            // Read models first, then the events with the days' markers: a crash in between leaves the days to be filled again.
            await store.BulkInsertAsync(day.IncidentDetails, BulkInsertMode.OverwriteExisting, cancellation: ct);
            await store.BulkInsertAsync(day.WarningDetails, BulkInsertMode.OverwriteExisting, cancellation: ct);
            await store.BulkInsertEventsAsync(day.Streams, batchSize: ChunkEvents * 2, cancellation: ct);
            filled += day.Days;
            incidentCount += day.Incidents;
            warningCount += day.Warnings;
            activityCount += day.ActivityReports;
            eventCount += day.Events;
            if (watch.Elapsed - lastProgress >= ProgressEvery)
            {
                lastProgress = watch.Elapsed;
                logger.LogInformation("History: {Filled} of {Days} days written ({Events:N0} events) in {Seconds:N0} s",
                    filled, state.Missing.Count, eventCount, watch.Elapsed.TotalSeconds);
            }
        }
        await producer;
        var writing = watch.Elapsed;
        logger.LogInformation("History: {Days} days written in {Seconds:N1} s: {Incidents:N0} incidents, {Warnings:N0} warnings, {Activity:N0} counter reports, {Events:N0} events",
            filled, writing.TotalSeconds, incidentCount, warningCount, activityCount, eventCount);

        await WaitForRollUpsAsync(ct);
        var rollingUp = watch.Elapsed - writing;
        logger.LogInformation("History: roll-ups caught up {Seconds:N1} s after the last write; {Total:N1} s in all", rollingUp.TotalSeconds, watch.Elapsed.TotalSeconds);
        if (filled > 0 && jobs is not null)
        {
            QueueTrendsCardsAndBriefings(jobs);
            logger.LogInformation("History: its month trends, card evaluation and yesterday's briefings are queued");
        }
        return new BackfillResult(filled, state.Present, incidentCount, warningCount, activityCount, eventCount, writing, rollingUp, pending);
    }

    /// <summary>
    /// History just written: its month trends, its cards and yesterday's briefings are worked out now rather than by the nightly
    /// and morning runs, so month-on-month figures, any cards and a briefing to read show within a minute or two instead of the
    /// next day. Each follows the one it reads: the cards the trends, the briefings both.
    /// </summary>
    private static void QueueTrendsCardsAndBriefings(IBackgroundJobClient jobs)
    {
        var trends = jobs.Enqueue<TrendRollUpJob>(j => j.RunFullAsync(CancellationToken.None));
        var cards = jobs.ContinueJobWith<CardEvaluationJob>(trends, j => j.RunAsync(CancellationToken.None));
        jobs.ContinueJobWith<DailyBriefingJob>(cards, j => j.RunAsync(CancellationToken.None));
    }

    /// <summary>
    /// Waits until every asynchronous projection has processed every event stored so far, logging its progress; gives up when
    /// they make no progress for <see cref="StallLimit"/> (no projection daemon is running on this database).
    /// </summary>
    public async Task WaitForRollUpsAsync(CancellationToken ct = default)
    {
        var target = (await store.Advanced.FetchEventStoreStatistics(token: ct)).EventSequenceNumber;
        var watch = Stopwatch.StartNew();
        var lastLog = TimeSpan.Zero;
        var (lastProcessed, lastMoved) = (-1L, TimeSpan.Zero);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250), clock);
        while (true)
        {
            var shards = (await store.Advanced.AllProjectionProgress(token: ct)).Where(s => s.ShardName != "HighWaterMark").ToList();
            var processed = shards.Count == 0 ? 0 : shards.Min(s => s.Sequence);
            if (shards.Count > 0 && processed >= target) return;
            if (processed != lastProcessed) (lastProcessed, lastMoved) = (processed, watch.Elapsed);
            else if (watch.Elapsed - lastMoved > StallLimit)
                throw new TimeoutException($"The roll-ups made no progress for {StallLimit.TotalMinutes:0} minutes at event {processed:N0} of {target:N0}: is a projection daemon running on this database?");
            if (watch.Elapsed - lastLog >= ProgressEvery)
            {
                lastLog = watch.Elapsed;
                logger.LogInformation("History: roll-ups at event {Processed:N0} of {Target:N0}", processed, target);
            }
            await timer.WaitForNextTickAsync(ct);
        }
    }

    /// <summary>The stream of a day's first province counters: present once the day's history is stored (same transaction).</summary>
    public Guid MarkerOf(ReportGenerator generator, DateOnly day) =>
        ActivityLedger.StreamId(SimulatorCentre.Key, generator.DailyActivityId(regions.Provinces.Values[0], day));

    private static IEnumerable<DateOnly> Days(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from) yield break;
        var last = ChinaTime.DayOf(to - TimeSpan.FromTicks(1));
        for (var day = ChinaTime.DayOf(from); day <= last; day = day.AddDays(1)) yield return day;
    }

    private static async Task<DateTimeOffset?> FirstLiveReportAsync(IQuerySession session, CancellationToken ct)
    {
        var prefix = $"sim-{LiveSimulator.StreamTag}-";
        var incident = await session.Query<IncidentDetails>().Where(d => d.ExternalId.StartsWith(prefix))
            .OrderBy(d => d.ReportedAt).Select(d => d.ReportedAt).Take(1).ToListAsync(ct);
        var warning = await session.Query<WarningDetails>().Where(d => d.ExternalId.StartsWith(prefix))
            .OrderBy(d => d.IssuedAt).Select(d => d.IssuedAt).Take(1).ToListAsync(ct);
        return incident.Concat(warning).Select(t => (DateTimeOffset?)t).Min();
    }

    /// <summary>One or more China days of history, ready to store.</summary>
    private sealed record DayOfHistory(List<StreamAction> Streams, List<IncidentDetails> IncidentDetails, List<WarningDetails> WarningDetails,
        int Incidents, int Warnings, int ActivityReports, int Events, int Days = 1)
    {
        public DayOfHistory Add(DayOfHistory next)
        {
            Streams.AddRange(next.Streams);
            IncidentDetails.AddRange(next.IncidentDetails);
            WarningDetails.AddRange(next.WarningDetails);
            return this with
            {
                Incidents = Incidents + next.Incidents, Warnings = Warnings + next.Warnings, ActivityReports = ActivityReports + next.ActivityReports,
                Events = Events + next.Events, Days = Days + next.Days,
            };
        }
    }

    /// <summary>
    /// One China day of history as streams of events: reports validated as the API validates them, turned into events by the
    /// ledgers, later steps applied through the pure decisions up to <paramref name="end"/>. Steps due later are collected in
    /// <paramref name="pending"/>.
    /// </summary>
    private DayOfHistory Build(ReportGenerator generator, DateOnly day, DateTimeOffset end, List<PendingStep> pending)
    {
        var from = ChinaTime.StartOf(day);
        var to = ChinaTime.StartOf(day.AddDays(1));
        if (to > end) to = end;
        var now = clock.GetUtcNow();
        var key = SimulatorCentre.Key;
        var centre = SimulatorCentre.Centre;
        var streams = new List<StreamAction>();
        var incidentDetails = new List<IncidentDetails>();
        var warningDetails = new List<WarningDetails>();
        int incidentCount = 0, warningCount = 0, eventCount = 0;

        foreach (var simulated in generator.Incidents(from, to))
        {
            Check(simulated.Report.ExternalId, simulated.Report.Validate(catalog, now));
            var reported = incidents.ToEvent(simulated.Report, key, centre, simulated.ReportedAt);
            var state = Incident.Start(reported);
            var events = new List<object> { reported };
            for (var step = 0; step < simulated.FollowUps.Count; step++)
            {
                var command = simulated.FollowUps[step];
                if (command.At >= end)
                {
                    pending.Add(new PendingStep(command.At, true, false, simulated.Bucket, simulated.Index, step));
                    continue;
                }
                var decision = IncidentDecisions.Decide(command, state);
                Check(command.ExternalId, decision.Errors);
                foreach (var e in decision.Events)
                {
                    events.Add(e);
                    state = state.Apply((IIncidentEvent)e);
                }
            }
            var stored = Stream(reported.IncidentId, events, e => ((IIncidentEvent)e).At);
            streams.Add(stored.Action);
            incidentDetails.Add(Project(IncidentDetailsProjection, reported.IncidentId, stored.Events));
            incidentCount++;
            eventCount += events.Count;
        }

        foreach (var simulated in generator.Warnings(from, to))
        {
            Check(simulated.Report.ExternalId, simulated.Report.Validate(catalog, now));
            var issued = warnings.ToEvent(simulated.Report, key, centre);
            var events = new List<object> { issued };
            var state = Warning.From(events)!;
            for (var step = 0; step < simulated.Outcomes.Count; step++)
            {
                var outcome = simulated.Outcomes[step];
                if (outcome.At >= end)
                {
                    pending.Add(new PendingStep(outcome.At, true, true, simulated.Bucket, simulated.Index, step));
                    continue;
                }
                var decision = WarningDecisions.Decide(outcome, state);
                Check(outcome.ExternalId, decision.Errors);
                events.AddRange(decision.Events);
                state = Warning.From(events)!;
            }
            var stored = Stream(issued.WarningId, events, e => ((IWarningEvent)e).At);
            streams.Add(stored.Action);
            warningDetails.Add(Project(WarningDetailsProjection, issued.WarningId, stored.Events));
            warningCount++;
            eventCount += events.Count;
        }

        // Each province's counters for the day (the first one marks the day as done).
        foreach (var province in regions.Provinces.Values)
        {
            var report = generator.Activity(province, from, to);
            Check(report.ExternalId, report.Validate(catalog, now));
            var reported = activity.ToEvent(report, key, centre) with { ReportedAt = to };
            streams.Add(Stream(reported.ReportId, [reported], _ => reported.ReportedAt).Action);
            eventCount++;
        }
        return new DayOfHistory(streams, incidentDetails, warningDetails, incidentCount, warningCount, regions.Provinces.Values.Count, eventCount);
    }

    /// <summary>A new stream of events stamped with the time each happened, as the bulk insert stores them.</summary>
    private (StreamAction Action, IEvent[] Events) Stream(Guid id, List<object> data, Func<object, DateTimeOffset> at)
    {
        var registry = (IEventRegistry)store.Options.Events;
        var events = new IEvent[data.Count];
        for (var i = 0; i < data.Count; i++)
        {
            var e = registry.BuildEvent(data[i]);
            e.Id = Guid.CreateVersion7();
            e.StreamId = id;
            e.Version = i + 1;
            e.Timestamp = at(data[i]).ToUniversalTime();
            events[i] = e;
        }
        return (StreamAction.Start(id, events), events);
    }

    /// <summary>The read model an inline projection would have stored for the stream (the bulk insert runs no projections).</summary>
    private static T Project<T>(SingleStreamProjection<T, Guid> projection, Guid id, IEvent[] events) where T : class
    {
        T? document = null;
        foreach (var e in events) document = projection.Evolve(document, id, e);
        return document!;
    }

    // A refusal here is a simulator bug: history must hold only what the API would accept.
    private static void Check(string externalId, IEnumerable<FieldError> errors)
    {
        var list = errors.ToList();
        if (list.Count > 0)
            throw new InvalidOperationException($"The simulator generated a report the API would refuse ({externalId}): " +
                string.Join(" ", list.Select(e => $"{e.Field}: {e.Message}")));
    }
}
