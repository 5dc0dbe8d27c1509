using System.Diagnostics;
using AntiFraud.Dashboard.Simulation;
using AntiFraud.Dashboard.Tests.Harness;
using AntiFraud.Domain.Activity;
using AntiFraud.Domain.Incidents;
using AntiFraud.Domain.Regions;
using AntiFraud.Domain.Simulation;
using AntiFraud.Domain.Warnings;
using Marten;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AntiFraud.Dashboard.Tests.Simulation;

/// <summary>
/// The later steps the simulator keeps for later (call-backs, stop-payments) and the counters it flushes, on a clock that runs
/// a simulated minute every real second, so minutes of simulated life pass within a test.
/// </summary>
public sealed class LiveSimulatorLaterStepsTests : IAsyncLifetime
{
    private AppHost _app = null!;

    public async Task InitializeAsync() => _app = await AppHost.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Call_backs_and_later_steps_are_reported_when_due_on_their_own_report_and_counters_are_flushed_per_province()
    {
        var services = _app.Services;
        var clock = new FastClock(60);
        var store = services.GetRequiredService<IDocumentStore>();
        var catalog = services.GetRequiredService<RegionCatalog>();
        var status = new SimulatorStatus();
        var options = Options.Create(new SimulatorOptions
        {
            Enabled = "true", BackfillMonths = 0, IncidentsPerMinute = 10, WarningsPerMinute = 20, ActivityFlushMinutes = 5, Seed = 5,
        });
        var simulator = new LiveSimulator(options, services, services.GetRequiredService<IHostEnvironment>(), services.GetRequiredService<RegionWeights>(),
            new IncidentLedger(store, catalog, clock), new WarningLedger(store, catalog, clock), new ActivityLedger(store, catalog, clock),
            services.GetRequiredService<HistoryBackfill>(), status, clock, NullLogger<LiveSimulator>.Instance);

        await simulator.StartAsync(CancellationToken.None);
        try
        {
            await status.WhenAsync(s => s.OutcomesRecorded >= 20 && s.StepsRecorded >= 5 && s.ActivityReports >= 31).WaitAsync(TimeSpan.FromSeconds(120));
        }
        finally
        {
            await simulator.StopAsync(CancellationToken.None);
        }

        Assert.Equal(0, status.Refused);
        await using var session = store.QuerySession();
        var answered = await session.Query<WarningDetails>().Where(w => w.ExternalId.StartsWith("sim-l-") && !w.Open).ToListAsync();
        Assert.True(answered.Count >= 10);
        Assert.All(answered, w =>
        {
            Assert.InRange(w.MinutesToFirstCallBack!.Value, 0, 240);
            Assert.All(w.Outcomes, o => Assert.True(o.At >= w.IssuedAt));
        });
        var progressed = await session.Query<IncidentDetails>().Where(d => d.ExternalId.StartsWith("sim-l-") && d.History.Count > 1).ToListAsync();
        Assert.NotEmpty(progressed);
        Assert.All(progressed, d => Assert.All(d.History.Skip(1), step => Assert.True(step.At > d.OccurredAt)));
        var counters = await session.Events.QueryRawEventDataOnly<ActivityReported>().ToListAsync();
        Assert.Equal(31, counters.Select(c => c.Region).Distinct().Count());
    }

    /// <summary>Time that runs <paramref name="factor"/> times faster than real time, timers included.</summary>
    private sealed class FastClock(double factor) : TimeProvider
    {
        private readonly DateTimeOffset _start = DateTimeOffset.UtcNow;
        private readonly long _started = Stopwatch.GetTimestamp();

        public override DateTimeOffset GetUtcNow() => _start + Stopwatch.GetElapsedTime(_started) * factor;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            System.CreateTimer(callback, state, Scale(dueTime), Scale(period));

        private TimeSpan Scale(TimeSpan span) =>
            span == Timeout.InfiniteTimeSpan || span == TimeSpan.Zero ? span : TimeSpan.FromTicks(Math.Max(1, (long)(span.Ticks / factor)));
    }
}
