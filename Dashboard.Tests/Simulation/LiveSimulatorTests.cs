using AntiFraud.Dashboard.Simulation;
using AntiFraud.Dashboard.Tests.Harness;
using AntiFraud.Domain.Common;
using AntiFraud.Domain.Incidents;
using AntiFraud.Domain.Regions;
using AntiFraud.Domain.Warnings;
using Marten;

namespace AntiFraud.Dashboard.Tests.Simulation;

/// <summary>The simulator switched on in a test host: it reports live through the same ledgers as the API.</summary>
public sealed class LiveSimulatorTests(LiveSimulatorTests.Simulated simulated) : IClassFixture<LiveSimulatorTests.Simulated>
{
    /// <summary>A host with the simulator on, busy enough to report within seconds at any hour, and no history.</summary>
    public sealed class Simulated : IAsyncLifetime
    {
        public AppHost App { get; private set; } = null!;

        public async Task InitializeAsync() => App = await AppHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Simulator:Enabled"] = "true",
            ["Simulator:BackfillMonths"] = "0",
            ["Simulator:IncidentsPerMinute"] = "1200",
            ["Simulator:WarningsPerMinute"] = "1200",
        });

        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    [Fact]
    public async Task New_incidents_and_warnings_arrive_through_the_ledgers_from_the_simulators_national_centre_and_roll_up()
    {
        var status = simulated.App.Services.GetRequiredService<SimulatorStatus>();
        await status.WhenAsync(s => s.IncidentsReported >= 5 && s.WarningsIssued >= 5).WaitAsync(TimeSpan.FromSeconds(60));

        await using (var session = simulated.App.Services.GetRequiredService<IDocumentStore>().QuerySession())
        {
            var incidents = await session.Query<IncidentDetails>().Where(d => d.ExternalId.StartsWith("sim-l-")).ToListAsync();
            var warnings = await session.Query<WarningDetails>().Where(d => d.ExternalId.StartsWith("sim-l-")).ToListAsync();
            Assert.True(incidents.Count >= 5, $"{incidents.Count} incidents stored");
            Assert.True(warnings.Count >= 5, $"{warnings.Count} warnings stored");
            Assert.All(incidents, d => Assert.Equal(RegionCode.National, d.ReportedBy));
            Assert.All(incidents, d => Assert.Equal(IncidentLedger.StreamId(SimulatorCentre.Key, d.ExternalId), d.Id));
            Assert.Equal(SimulatorPhase.Live, status.Phase);
            Assert.Equal(0, status.Refused);
        }

        await simulated.App.WaitForRollUpsAsync();
        var client = (await simulated.App.CentreAsync("000000", "national")).Http;
        var today = ChinaTime.DayOf(DateTimeOffset.UtcNow);
        var nation = await client.StatsAsync("000000", today.AddDays(-3), today);
        Assert.True(nation.GetProperty("incidents").GetInt64() >= 5);
        Assert.True(nation.GetProperty("warningsIssued").GetInt64() >= 5);
    }

    [Fact]
    public async Task A_simulator_setting_that_is_not_auto_true_or_false_stops_the_app_at_start_up_saying_so()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => AppHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Simulator:Enabled"] = "sometimes",
        }));

        Assert.Contains("Simulator:Enabled must be auto, true or false.", error.ToString());
    }
}
