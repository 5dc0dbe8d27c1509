using System.Net;
using AntiFraud.Dashboard.Hosting.Embedded;
using AntiFraud.Dashboard.Tests.Harness;
using AntiFraud.Domain.Incidents;
using static AntiFraud.Dashboard.Tests.Harness.Ingestion;

namespace AntiFraud.Dashboard.Tests.Incidents;

/// <summary>A reporting system must be told to retry, in problem+json, when the database is down: nothing was stored.</summary>
public sealed class IncidentReportOutageTests
{
    [Fact]
    public async Task While_PostgreSQL_is_down_a_report_is_answered_503_with_Retry_After_and_the_retry_is_stored_once_it_returns()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"antifraud-outage-{Guid.NewGuid():N}");
        var cluster = new PostgresCluster(Path.Combine(folder, "data"));
        await cluster.StartAsync();
        try
        {
            await using var app = await AppHost.StartAsync(settings: new Dictionary<string, string?>
            {
                ["ConnectionStrings:Marten"] = cluster.ConnectionString() + ";Timeout=3",
            });
            var centre = await app.CentreAsync("4403", "深圳市反诈中心");
            await centre.Http.CreateAsync("/api/v1/incidents", Incident(NewExternalId()));
            var report = Incident(NewExternalId());

            await cluster.StopAsync();
            var down = await centre.Http.PostJsonAsync("/api/v1/incidents", report);

            await down.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
            Assert.True(down.Headers.RetryAfter is not null, "A 503 tells the client when to retry.");
            await cluster.StartAsync();
            var id = await centre.Http.CreateAsync("/api/v1/incidents", report);
            Assert.IsType<IncidentReported>(Assert.Single(await app.StreamAsync(id)).Data);
        }
        finally
        {
            await cluster.StopAsync();
            Directory.Delete(folder, recursive: true);
        }
    }
}
