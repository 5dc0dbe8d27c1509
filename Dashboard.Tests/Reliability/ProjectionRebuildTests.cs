using System.Text.Json;
using AntiFraud.Dashboard.Simulation;
using AntiFraud.Dashboard.Tests.Harness;
using AntiFraud.Domain.Common;
using AntiFraud.Domain.Figures;
using AntiFraud.Domain.Incidents;
using AntiFraud.Domain.Warnings;
using Marten;
using static AntiFraud.Dashboard.Tests.Harness.Ingestion;

namespace AntiFraud.Dashboard.Tests.Reliability;

/// <summary>
/// <c>projections rebuild</c>: with every read model damaged, the command (a real process, as an operator runs it) rebuilds them
/// from the events, and the app started again shows the figures and details it showed before.
/// </summary>
public sealed class ProjectionRebuildTests
{
    private static readonly string[] Regions = ["000000", "440000", "440300", "510000", "330106"];

    [Fact]
    public async Task Rebuilding_damaged_read_models_from_the_events_gives_back_the_same_figures_and_details()
    {
        var firstDay = ChinaTime.DayOf(DateTimeOffset.UtcNow).AddDays(-30);
        var lastDay = firstDay.AddDays(2);
        string schema;
        string secret;
        Dictionary<string, string> before;
        Guid incidentId;
        string incidentBefore;
        await using (var app = await AppHost.StartAsync())
        {
            schema = app.Schema;
            await app.Services.GetRequiredService<HistoryBackfill>().RunAsync(new BackfillPlan(
                ChinaTime.StartOf(firstDay), ChinaTime.StartOf(lastDay.AddDays(1)), Seed: 7, IncidentsPerDay: 300, WarningsPerDay: 300));
            await app.WaitForRollUpsAsync();
            var centre = await app.CentreAsync("000000");
            secret = centre.Secret;
            before = await FiguresAsync(centre.Http, firstDay, lastDay);
            Assert.True(JsonDocument.Parse(before["000000"]).RootElement.GetProperty("incidents").GetInt64() > 500);

            await using var session = app.Services.GetRequiredService<IDocumentStore>().LightweightSession();
            incidentId = (await session.Query<IncidentDetails>().Where(d => d.CountyNumber > 0).OrderBy(d => d.Id).FirstAsync()).Id;
            incidentBefore = (await centre.Http.GetIncidentAsync(incidentId)).ToJsonString();

            // The damage: every roll-up and every incident and warning document gone.
            session.DeleteWhere<RegionDayTotals>(_ => true);
            session.DeleteWhere<IncidentDetails>(_ => true);
            session.DeleteWhere<WarningDetails>(_ => true);
            await session.SaveChangesAsync();
            var damaged = await centre.Http.StatsAsync("000000", firstDay, lastDay);
            Assert.Equal(0, damaged.GetProperty("incidents").GetInt64());
        }

        var start = AppProcess.StartInfo(AppProcess.Dashboard, "projections", "rebuild");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["ConnectionStrings__Marten"] = await TestDatabase.ConnectionStringAsync();
        start.Environment["Marten__Schema"] = schema;
        start.Environment["Jobs__Schema"] = schema + "_jobs";
        start.Environment["Jobs__Server"] = "false";
        using (var rebuild = System.Diagnostics.Process.Start(start)!)
        {
            var error = rebuild.StandardError.ReadToEndAsync();
            var output = await rebuild.StandardOutput.ReadToEndAsync();
            await rebuild.WaitForExitAsync();
            Assert.True(rebuild.ExitCode == 0, output + await error);
            Assert.Contains("RegionDay", output);
            Assert.Contains("Rebuilt ", output);
        }

        await using (var again = await AppHost.StartAsync(schema: schema))
        {
            using var http = again.CreateClient();
            http.DefaultRequestHeaders.Add("X-Api-Key", secret);
            var after = await FiguresAsync(http, firstDay, lastDay);
            foreach (var region in Regions) Assert.Equal(before[region], after[region]);
            Assert.Equal(incidentBefore, (await http.GetIncidentAsync(incidentId)).ToJsonString());
        }
    }

    private static async Task<Dictionary<string, string>> FiguresAsync(HttpClient http, DateOnly from, DateOnly to)
    {
        var figures = new Dictionary<string, string>();
        foreach (var region in Regions) figures[region] = (await http.StatsAsync(region, from, to)).GetRawText();
        return figures;
    }
}
