using System.Net;
using System.Text.Json;
using AntiFraud.Dashboard.Simulation;
using AntiFraud.Dashboard.Tests.Harness;
using AntiFraud.Domain.Common;
using AntiFraud.Domain.Incidents;
using AntiFraud.Domain.Simulation;
using AntiFraud.Domain.Warnings;
using Marten;

namespace AntiFraud.Dashboard.Tests.Simulation;

/// <summary>Three days of simulated history in a test host's schema, read back the way clients read figures.</summary>
public sealed class HistoryBackfillTests(HistoryBackfillTests.History history) : IClassFixture<HistoryBackfillTests.History>
{
    /// <summary>One host for the class, with three days of history filled (40 days ago, so most lives have run their course).</summary>
    public sealed class History : IAsyncLifetime
    {
        public AppHost App { get; private set; } = null!;
        public BackfillPlan Plan { get; private set; } = null!;
        public BackfillResult First { get; private set; } = null!;
        public DateOnly FirstDay { get; private set; }

        public async Task InitializeAsync()
        {
            App = await AppHost.StartAsync();
            FirstDay = ChinaTime.DayOf(DateTimeOffset.UtcNow).AddDays(-40);
            Plan = new BackfillPlan(ChinaTime.StartOf(FirstDay), ChinaTime.StartOf(FirstDay.AddDays(3)), Seed: 11, IncidentsPerDay: 400, WarningsPerDay: 300);
            First = await App.Services.GetRequiredService<HistoryBackfill>().RunAsync(Plan);
        }

        public async Task DisposeAsync() => await App.DisposeAsync();

        public ReportGenerator Generator => App.Services.GetRequiredService<HistoryBackfill>().Generator(Plan.Seed, Plan.IncidentsPerDay, Plan.WarningsPerDay);
    }

    private static readonly string[] Figures =
    [
        "incidents", "loss", "stopped", "frozen", "returned", "casesFiled", "casesSolved", "arrests", "suspectsIdentified",
        "perpetratorsFromHere", "densLocatedHere", "warningsIssued", "warningsCalledBack", "dissuaded",
    ];

    [Fact]
    public async Task The_nations_figures_are_the_sum_of_the_provinces_and_exactly_what_was_generated()
    {
        var client = (await history.App.CentreAsync("000000", "national")).Http;
        var (from, to) = (history.FirstDay.AddDays(-4), history.FirstDay.AddDays(2));
        var national = await client.StatsAsync("000000", from, to);
        var provinces = new List<JsonElement>();
        foreach (var province in history.App.Services.GetRequiredService<RegionWeights>().Provinces.Values)
            provinces.Add(await client.StatsAsync(province.ToString(), from, to));

        foreach (var figure in Figures)
            Assert.True(national.GetProperty(figure).GetDecimal() == provinces.Sum(p => p.GetProperty(figure).GetDecimal()), $"{figure}: the nation is the sum of the provinces");
        foreach (var counter in new[] { "callsIntercepted", "smsIntercepted", "appsBlocked", "suspectsCaught" })
            Assert.Equal(national.GetProperty("activity").GetProperty(counter).GetInt64(), provinces.Sum(p => p.GetProperty("activity").GetProperty(counter).GetInt64()));

        var expected = Expected();
        Assert.True(expected["incidents"] > 800 && expected["warningsIssued"] > 600 && expected["returned"] > 0 && expected["casesFiled"] > 0, "a busy history");
        foreach (var (figure, value) in expected)
            Assert.True(value == national.GetProperty(figure).GetDecimal(), $"{figure}: generated {value}, rolled up {national.GetProperty(figure).GetDecimal()}");
        Assert.Equal(history.First.Incidents, (long)expected["incidents"]);
        Assert.Equal(history.First.Warnings, (long)expected["warningsIssued"]);
        Assert.Equal(ExpectedCallsIntercepted(), national.GetProperty("activity").GetProperty("callsIntercepted").GetInt64());
    }

    [Fact]
    public async Task Running_the_backfill_again_stores_nothing_more_and_changes_no_figure()
    {
        var client = (await history.App.CentreAsync("000000", "national")).Http;
        var (from, to) = (history.FirstDay.AddDays(-4), history.FirstDay.AddDays(2));
        // Another test of the class may just have recorded a step on a backfilled incident: its roll-up first.
        await history.App.WaitForRollUpsAsync();
        var before = (await client.StatsAsync("000000", from, to)).GetRawText();
        var events = await history.App.EventCountAsync();

        var again = await history.App.Services.GetRequiredService<HistoryBackfill>().RunAsync(history.Plan);

        Assert.Equal(3, history.First.DaysFilled);
        Assert.Equal(0, again.DaysFilled);
        Assert.Equal(3, again.DaysPresent);
        Assert.Equal(events, await history.App.EventCountAsync());
        Assert.Equal(before, (await client.StatsAsync("000000", from, to)).GetRawText());
    }

    [Fact]
    public async Task A_backfilled_incident_reads_through_the_API_with_its_whole_history()
    {
        var client = (await history.App.CentreAsync("000000", "national")).Http;
        var end = history.Plan.To;
        var incident = history.Generator.Incidents(history.Plan.From, end)
            .First(i => i.FollowUps.Count(s => s.At < end) >= 4 && i.FollowUps.Any(s => s is RequestStopPayment && s.At < end));
        var steps = incident.FollowUps.Where(s => s.At < end).ToList();

        var response = await client.GetAsync($"/api/v1/incidents/{IncidentLedger.StreamId(SimulatorCentre.Key, incident.Report.ExternalId)}");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(incident.Report.ExternalId, body.GetProperty("externalId").GetString());
        Assert.Equal(incident.Report.LossAmount, body.GetProperty("lossAmount").GetDecimal());
        Assert.Equal(steps.OfType<RequestStopPayment>().Sum(s => s.Amount), body.GetProperty("stopped").GetDecimal());
        Assert.Equal(1 + steps.Count, body.GetProperty("history").GetArrayLength());
        Assert.Equal("000000", body.GetProperty("reportedBy").GetString());
    }

    [Fact]
    public async Task A_centre_can_record_a_later_step_on_a_backfilled_incident_through_the_API()
    {
        var client = (await history.App.CentreAsync("000000", "national")).Http;
        var incident = history.Generator.Incidents(history.Plan.From, history.Plan.To)
            .First(i => i.Report.FraudType != FraudType.Other && !i.FollowUps.Any(s => s is Close or Reclassify));
        var id = IncidentLedger.StreamId(SimulatorCentre.Key, incident.Report.ExternalId);
        var body = Ingestion.LifecycleEvent(Ingestion.NewExternalId("reclassify"), "Reclassified", DateTimeOffset.UtcNow.AddMinutes(-1),
            ("fraudType", "Other"), ("reason", "复核"));

        await client.CreateAsync($"/api/v1/incidents/{id}/events", body);

        var stored = await history.App.StreamAsync(id);
        Assert.IsType<IncidentReclassified>(stored[^1].Data);
        Assert.Equal(Enumerable.Range(1, stored.Count).Select(v => (long)v), stored.Select(e => e.Version));
    }

    [Fact]
    public async Task With_a_configured_database_the_simulator_stays_off_so_only_the_backfill_wrote_reports()
    {
        var status = history.App.Services.GetRequiredService<SimulatorStatus>();
        await status.WhenAsync(s => s.Phase == SimulatorPhase.Off).WaitAsync(TimeSpan.FromSeconds(30));

        await using var session = history.App.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var live = await session.Query<IncidentDetails>().CountAsync(d => d.ExternalId.StartsWith("sim-l-"));
        Assert.Equal(0, live);
        Assert.Equal(0, status.IncidentsReported + status.WarningsIssued);
    }

    /// <summary>The figures the generated reports must add up to: every later step before the end of the history counts.</summary>
    private Dictionary<string, decimal> Expected()
    {
        var end = history.Plan.To;
        var incidents = history.Generator.Incidents(history.Plan.From, end).ToList();
        var warnings = history.Generator.Warnings(history.Plan.From, end).ToList();
        var steps = incidents.SelectMany(i => i.FollowUps).Where(s => s.At < end).ToList();
        var outcomes = warnings.SelectMany(w => w.Outcomes).Where(o => o.At < end).ToList();
        return new Dictionary<string, decimal>
        {
            ["incidents"] = incidents.Count,
            ["loss"] = incidents.Sum(i => i.Report.LossAmount),
            ["stopped"] = steps.OfType<RequestStopPayment>().Sum(s => s.Amount),
            ["frozen"] = steps.OfType<FreezeFunds>().Sum(s => s.Amount),
            ["returned"] = steps.OfType<ReturnFunds>().Sum(s => s.Amount),
            ["casesFiled"] = steps.OfType<FileCase>().Count(),
            ["casesSolved"] = steps.OfType<SolveCase>().Count(),
            ["arrests"] = steps.OfType<SolveCase>().Sum(s => s.Arrests),
            ["suspectsIdentified"] = steps.OfType<IdentifySuspects>().Sum(s => s.Count),
            ["warningsIssued"] = warnings.Count,
            ["warningsCalledBack"] = warnings.Count(w => w.Outcomes[0].At < end),
            ["dissuaded"] = outcomes.Count(o => o.Outcome is WarningOutcome.Dissuaded or WarningOutcome.DissuadedInPerson),
        };
    }

    private long ExpectedCallsIntercepted()
    {
        var generator = history.Generator;
        var provinces = history.App.Services.GetRequiredService<RegionWeights>().Provinces.Values;
        return Enumerable.Range(0, 3).Select(history.FirstDay.AddDays)
            .SelectMany(day => provinces.Select(p => generator.Activity(p, ChinaTime.StartOf(day), ChinaTime.StartOf(day.AddDays(1)))))
            .Sum(report => report.Counts.CallsIntercepted);
    }
}
