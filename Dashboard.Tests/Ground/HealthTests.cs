using System.Net;
using AntiFraud.Dashboard.Hosting.Embedded;
using AntiFraud.Dashboard.Tests.Harness;

namespace AntiFraud.Dashboard.Tests.Ground;

public sealed class HealthTests
{
    [Fact]
    public async Task Healthz_answers_200_when_the_database_answers()
    {
        await using var app = await AppHost.StartAsync();

        var response = await app.CreateClient().GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Healthz_turns_503_while_PostgreSQL_is_down_and_200_again_when_it_returns()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"antifraud-health-{Guid.NewGuid():N}");
        var cluster = new PostgresCluster(Path.Combine(folder, "data"));
        await cluster.StartAsync();
        try
        {
            await using var app = await AppHost.StartAsync(settings: new Dictionary<string, string?>
            {
                ["ConnectionStrings:Marten"] = cluster.ConnectionString() + ";Timeout=3",
            });
            var client = app.CreateClient();
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);

            await cluster.StopAsync();
            var down = await client.GetAsync("/healthz");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
            Assert.Equal("Unhealthy", await down.Content.ReadAsStringAsync());

            await cluster.StartAsync();
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        }
        finally
        {
            await cluster.StopAsync();
            Directory.Delete(folder, recursive: true);
        }
    }
}
