using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AntiFraud.Dashboard.Live;
using AntiFraud.Dashboard.Tests.Harness;
using Microsoft.AspNetCore.SignalR;

namespace AntiFraud.Dashboard.Tests.Live;

public sealed class LiveHubTests : IAsyncLifetime
{
    private AppHost _app = null!;

    public async Task InitializeAsync() => _app = await AppHost.StartAsync();
    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static async Task PostAsync(ReportingCentreClient centre, string county, decimal loss, string externalId)
    {
        var response = await centre.Http.PostAsJsonAsync("/api/v1/incidents", Ingestion.Incident(externalId, county, lossAmount: loss));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task A_watcher_receives_the_incidents_of_its_subtree_and_nothing_from_elsewhere()
    {
        var guangdong = await _app.CentreAsync("44");
        var sichuan = await _app.CentreAsync("51");
        await using var province = await HubClient.ConnectAsync(_app);
        await using var nation = await HubClient.ConnectAsync(_app);
        await using var otherProvince = await HubClient.ConnectAsync(_app);
        Assert.Equal("440000", await province.WatchAsync("44"));
        await nation.WatchAsync("000000");
        await otherProvince.WatchAsync("510000");

        await PostAsync(guangdong, "440305", 1_234.50m, "hub-gd");
        await PostAsync(sichuan, "510104", 99m, "hub-sc");

        await province.WaitUntilAsync(c => c.Of<IncidentReportedMessage>().Any());
        await nation.WaitUntilAsync(c => c.Of<IncidentReportedMessage>().Count() == 2);
        await otherProvince.WaitUntilAsync(c => c.Of<IncidentReportedMessage>().Any());
        var seen = Assert.Single(province.Of<IncidentReportedMessage>());
        Assert.Equal("440305", seen.RegionCode);
        Assert.Equal(1_234.50m, seen.LossAmount);
        Assert.Equal("PigButchering", seen.FraudType.ToString());
        Assert.True(seen.Sequence > 0);
        // Messages to one connection keep their order: the Sichuan incident came after, so the Guangdong one would have arrived first.
        Assert.Equal(["510104"], otherProvince.Of<IncidentReportedMessage>().Select(m => m.RegionCode));
        Assert.Equal(["440305", "510104"], nation.Of<IncidentReportedMessage>().Select(m => m.RegionCode));
    }

    [Fact]
    public async Task Watching_an_unknown_region_is_refused_with_a_clear_message()
    {
        await using var client = await HubClient.ConnectAsync(_app);

        var error = await Assert.ThrowsAsync<HubException>(() => client.WatchAsync("449999"));

        Assert.Contains("449999 is not in the catalogue", error.Message);
    }

    [Fact]
    public async Task A_burst_of_incidents_is_coalesced_into_a_few_figures_messages_that_end_with_the_right_totals()
    {
        var shenzhen = await _app.CentreAsync("4403");
        await using var client = await HubClient.ConnectAsync(_app);
        await client.WatchAsync("440300");
        var batch = new JsonArray(Enumerable.Range(0, 40)
            .Select(i => (JsonNode)Ingestion.Incident($"burst-{i}", i % 2 == 0 ? "440305" : "440304",
                occurredAt: Ingestion.EarlierToday(TimeSpan.FromHours(2)), lossAmount: 100m)).ToArray());

        var response = await shenzhen.Http.PostAsJsonAsync("/api/v1/incidents/batch", batch);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        await client.WaitUntilAsync(c => c.Of<FiguresChangedMessage>().Any(f => f.Today.Incidents == 40), TimeSpan.FromSeconds(20));
        Assert.Equal(40, client.Of<IncidentReportedMessage>().Count());
        var figures = client.Of<FiguresChangedMessage>().ToList();
        Assert.InRange(figures.Count, 1, 5);
        Assert.Equal(4_000m, figures[^1].Today.Loss);
        Assert.All(figures, f => Assert.Equal("440300", f.RegionCode));
    }
}
