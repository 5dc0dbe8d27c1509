using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using AntiFraud.Dashboard.Api;
using AntiFraud.Dashboard.Hosting.Embedded;
using AntiFraud.Dashboard.Simulation;
using AntiFraud.Dashboard.Tests.Harness;
using AntiFraud.Domain.Common;
using AntiFraud.Domain.Incidents;
using Marten;
using Npgsql;
using Xunit.Abstractions;
using static AntiFraud.Dashboard.Tests.Harness.Ingestion;

namespace AntiFraud.Dashboard.Tests.Reliability;

/// <summary>
/// The documented backup (docs/reliability-backup.md): <c>pg_dump -Fc</c> of the product's database taken while the app runs,
/// <c>pg_restore</c> into a fresh PostgreSQL cluster, and the app started on the restored database shows the same totals and
/// incidents, recognises reports it already holds and takes new ones.
/// </summary>
public sealed class BackupRestoreTests(ITestOutputHelper output)
{
    /// <summary>The nation, two provinces (Guangdong, Sichuan) and a county (Nanshan, where the API reports land).</summary>
    private static readonly string[] Regions = ["000000", "440000", "510000", "440305"];

    [Fact]
    public async Task A_dump_taken_while_the_app_runs_restored_into_a_fresh_cluster_shows_the_same_totals_and_takes_new_reports()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"antifraud-backup-{Guid.NewGuid():N}");
        var source = new PostgresCluster(Path.Combine(folder, "source"));
        var restored = new PostgresCluster(Path.Combine(folder, "restored"));
        var dumpFile = Path.Combine(folder, "antifraud.dump");
        var schema = TestDatabase.NewSchema("backup");
        var today = ChinaTime.DayOf(DateTimeOffset.UtcNow);
        var firstDay = today.AddDays(-12);
        var occurredAt = Ago(TimeSpan.FromHours(2));
        var reportDay = ChinaTime.DayOf(occurredAt);
        try
        {
            await source.StartAsync();

            // App A on its own cluster: a few days of history, a few reports through the API, the roll-ups caught up.
            string secret;
            Dictionary<string, string> totalsBefore;
            Dictionary<Guid, string> incidentsBefore;
            long lastSequenceBefore;
            Guid resentId;
            var resent = Incident(NewExternalId("backup"), "440305", occurredAt, lossAmount: 5_000m);
            long databaseBytes;
            TimeSpan dumpTime;
            await using (var a = await AppHost.StartAsync(settings: Database(source), schema: schema))
            {
                await a.Services.GetRequiredService<HistoryBackfill>().RunAsync(new BackfillPlan(
                    ChinaTime.StartOf(firstDay), ChinaTime.StartOf(firstDay.AddDays(5)), Seed: 11, IncidentsPerDay: 400, WarningsPerDay: 400));
                var centre = await a.CentreAsync("000000", "国家反诈中心");
                secret = centre.Secret;
                resentId = await centre.Http.CreateAsync("/api/v1/incidents", resent);
                var reported = new List<Guid> { resentId };
                reported.Add(await centre.Http.CreateAsync("/api/v1/incidents", Incident(NewExternalId("backup"), "440305", occurredAt, lossAmount: 800m)));
                reported.Add(await centre.Http.CreateAsync("/api/v1/incidents", Incident(NewExternalId("backup"), "510104", occurredAt, fraudType: "Loan")));
                await centre.Http.CreateAsync("/api/v1/warnings", Warning(NewExternalId("backup"), "440305", occurredAt));
                await a.WaitForRollUpsAsync();

                totalsBefore = await TotalsAsync(centre.Http, firstDay, today);
                Assert.True(Incidents(totalsBefore["000000"]) > 1_000, "The history holds more than a thousand incidents: " + totalsBefore["000000"]);
                Assert.True(Incidents(totalsBefore["510000"]) > 0, "Sichuan has incidents: " + totalsBefore["510000"]);

                await using (var session = a.Services.GetRequiredService<IDocumentStore>().QuerySession())
                {
                    reported.Add((await session.Query<IncidentDetails>().Where(d => d.CountyNumber > 0 && d.ExternalId.StartsWith("sim-"))
                        .OrderBy(d => d.Id).FirstAsync()).Id);
                    lastSequenceBefore = await session.Events.QueryAllRawEvents().MaxAsync(e => e.Sequence);
                }
                incidentsBefore = [];
                foreach (var id in reported) incidentsBefore[id] = (await centre.Http.GetIncidentAsync(id)).ToJsonString();

                databaseBytes = await ScalarAsync<long>(source, "select pg_database_size(current_database())");
                // The dump is taken while app A still runs (its projection daemon polling, its connections open).
                dumpTime = await RunToolAsync("pg_dump", "-h", "127.0.0.1", "-p", Port(source), "-U", "postgres", "-w",
                    "-d", "postgres", "-Fc", "-f", dumpFile);
            }
            await source.StopAsync();

            await restored.StartAsync();
            var restoreTime = await RunToolAsync("pg_restore", "-h", "127.0.0.1", "-p", Port(restored), "-U", "postgres", "-w",
                "-d", "postgres", "--exit-on-error", dumpFile);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"database {databaseBytes:N0} B ({databaseBytes / 1048576.0:F1} MiB), dump {new FileInfo(dumpFile).Length:N0} B " +
                $"({new FileInfo(dumpFile).Length / 1048576.0:F1} MiB), pg_dump {dumpTime.TotalSeconds:F2} s, pg_restore {restoreTime.TotalSeconds:F2} s, " +
                $"{Incidents(totalsBefore["000000"]):N0} incidents, last event sequence {lastSequenceBefore:N0}"));

            // App B on the restored copy, same schema: the same key works and every figure and incident reads the same.
            await using var b = await AppHost.StartAsync(settings: Database(restored), schema: schema);
            using var http = b.CreateClient();
            http.DefaultRequestHeaders.Add(ReportingCentre.HeaderName, secret);
            var totalsAfter = await TotalsAsync(http, firstDay, today);
            foreach (var region in Regions) Assert.Equal(totalsBefore[region], totalsAfter[region]);
            foreach (var (id, json) in incidentsBefore) Assert.Equal(json, (await http.GetIncidentAsync(id)).ToJsonString());

            // A report A already held, sent again, is recognised (200, same id): the restore did not forget what was stored.
            var again = await http.PostJsonAsync("/api/v1/incidents", resent);
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            Assert.Equal(resentId, await again.IdOfAsync());

            // A new report is stored, continues the event sequence and is counted once in the totals.
            var dayBefore = await RegionDayAsync(http, reportDay);
            var fresh = await http.CreateAsync("/api/v1/incidents", Incident(NewExternalId("backup"), "440305", occurredAt, lossAmount: 100m));
            Assert.True(Assert.Single(await b.StreamAsync(fresh)).Sequence > lastSequenceBefore, "The restored event sequence continues after the dump's last event.");
            await b.WaitForRollUpsAsync();
            var dayAfter = await RegionDayAsync(http, reportDay);
            Assert.Equal(dayBefore["000000"] + 1, dayAfter["000000"]);
            Assert.Equal(dayBefore["440000"] + 1, dayAfter["440000"]);
            Assert.Equal(dayBefore["440305"] + 1, dayAfter["440305"]);
            Assert.Equal(dayBefore["510000"], dayAfter["510000"]);
            Assert.Equal("440305", (await http.GetIncidentAsync(fresh))["regionCode"]?.GetValue<string>());
        }
        finally
        {
            await source.StopAsync();
            await restored.StopAsync();
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    private static Dictionary<string, string?> Database(PostgresCluster cluster) => new()
    {
        ["ConnectionStrings:Marten"] = cluster.ConnectionString(),
    };

    private static string Port(PostgresCluster cluster) => cluster.Port.ToString(CultureInfo.InvariantCulture);

    private static async Task<Dictionary<string, string>> TotalsAsync(HttpClient http, DateOnly from, DateOnly to)
    {
        var totals = new Dictionary<string, string>();
        foreach (var region in Regions) totals[region] = (await http.StatsAsync(region, from, to)).GetRawText();
        return totals;
    }

    private static async Task<Dictionary<string, long>> RegionDayAsync(HttpClient http, DateOnly day)
    {
        var incidents = new Dictionary<string, long>();
        foreach (var region in Regions) incidents[region] = (await http.StatsAsync(region, day)).GetProperty("incidents").GetInt64();
        return incidents;
    }

    private static long Incidents(string totals) => JsonDocument.Parse(totals).RootElement.GetProperty("incidents").GetInt64();

    private static async Task<T> ScalarAsync<T>(PostgresCluster cluster, string sql)
    {
        await using var connection = new NpgsqlConnection(cluster.ConnectionString() + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// Runs pg_dump or pg_restore from the folder of the cluster's own pg_ctl (so client and server versions match), as the
    /// test's own OS user over TCP with the connection string's database user: no password and no OS user switch needed.
    /// </summary>
    private static async Task<TimeSpan> RunToolAsync(string tool, params string[] arguments)
    {
        var pgCtl = PostgresBinaries.Locate().PgCtl;
        // pg_ctl on PATH may be a link into the version's folder, where the client programs live too.
        var folder = Path.GetDirectoryName(new FileInfo(pgCtl).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? pgCtl)!;
        var start = new ProcessStartInfo(Path.Combine(folder, tool))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        clock.Stop();
        Assert.True(process.ExitCode == 0, $"{tool} exited with {process.ExitCode}: {await stdout}{await stderr}");
        return clock.Elapsed;
    }
}
