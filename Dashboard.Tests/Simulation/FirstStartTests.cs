using AntiFraud.Dashboard.Simulation;
using AntiFraud.Dashboard.Tests.Harness;
using AntiFraud.Domain.Briefings;
using AntiFraud.Domain.Common;
using AntiFraud.Domain.Regions;
using AntiFraud.Domain.Trends;
using AntiFraud.Jobs.Briefings;
using Hangfire;
using Marten;

namespace AntiFraud.Dashboard.Tests.Simulation;

/// <summary>
/// A first start with the simulator on: the history it writes gets its month trends, a card evaluation and yesterday's briefings
/// at once.
/// </summary>
public sealed class FirstStartTests
{
    [Fact]
    public async Task After_the_history_is_written_the_month_trends_and_yesterdays_briefing_are_there_without_waiting_for_the_scheduled_runs()
    {
        await using var app = await AppHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Simulator:Enabled"] = "true",
            ["Simulator:BackfillMonths"] = "1",
            ["Simulator:HistoryIncidentsPerDay"] = "20",
            ["Jobs:Server"] = "true",
        });
        var status = app.Services.GetRequiredService<SimulatorStatus>();
        await status.WhenAsync(s => s.Phase == SimulatorPhase.Live).WaitAsync(TimeSpan.FromMinutes(3));

        // The card evaluation runs after the trends and the briefings after both; once they have, all three are done.
        var storage = app.Services.GetRequiredService<JobStorage>();
        await Wait.UntilAsync(() =>
        {
            var succeeded = storage.GetMonitoringApi().SucceededJobs(0, 20);
            return succeeded.Any(j => j.Value.Job?.Type == typeof(DailyBriefingJob));
        }, TimeSpan.FromMinutes(3), "The briefings queued after the history never succeeded.");

        var lastMonth = RegionMonthTrend.MonthOf(ChinaTime.DayOf(DateTimeOffset.UtcNow)).AddMonths(-1);
        await using var session = app.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var nation = await session.LoadAsync<RegionMonthTrend>(RegionMonthTrend.IdOf(RegionCode.National, lastMonth));
        Assert.NotNull(nation);
        Assert.True(nation.Figures.Incidents > 0, "Last month's national trend counts the simulated history.");

        var yesterday = ChinaTime.DayOf(DateTimeOffset.UtcNow).AddDays(-1);
        var briefing = await session.LoadAsync<Briefing>(Briefing.IdOf(RegionCode.National, yesterday));
        Assert.NotNull(briefing);
        Assert.True(briefing.Facts.Day.Incidents > 0, "Yesterday's national briefing counts the simulated history.");
    }
}
