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

        var posting = DateTimeOffset.UtcNow;
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
        // When the report came in, beside when the incident happened.
        Assert.InRange(seen.ReportedAt!.Value, posting, DateTimeOffset.UtcNow);
        Assert.True(seen.OccurredAt < seen.ReportedAt);
        // Messages to one connection keep their order: the Sichuan incident came after, so the Guangdong one would have arrived first.
        Assert.Equal(["510104"], otherProvince.Of<IncidentReportedMessage>().Select(m => m.RegionCode));
        Assert.Equal(["440305", "510104"], nation.Of<IncidentReportedMessage>().Select(m => m.RegionCode));
    }

    [Fact]
    public async Task Incidents_committed_together_reach_each_watcher_once_in_commit_order_and_only_within_its_subtree()
    {
        var nation = await _app.CentreAsync("000000");
        await using var guangdong = await HubClient.ConnectAsync(_app);
        await using var sichuan = await HubClient.ConnectAsync(_app);
        await using var country = await HubClient.ConnectAsync(_app);
        await guangdong.WatchAsync("440000");
        await sichuan.WatchAsync("510000");
        await country.WatchAsync("000000");
        // One batch is one commit: its thirty incidents reach the push together and go out as one send per group.
        var batch = new JsonArray(Enumerable.Range(0, 30)
            .Select(i => (JsonNode)Ingestion.Incident($"together-{i}", i % 3 == 0 ? "510104" : "440305", lossAmount: 10m + i)).ToArray());

        var response = await nation.Http.PostAsJsonAsync("/api/v1/incidents/batch", batch);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        await country.WaitUntilAsync(c => c.Of<IncidentReportedMessage>().Count() >= 30);
        await guangdong.WaitUntilAsync(c => c.Of<IncidentReportedMessage>().Count() >= 20);
        await sichuan.WaitUntilAsync(c => c.Of<IncidentReportedMessage>().Count() >= 10);
        var all = country.Of<IncidentReportedMessage>().ToList();
        Assert.Equal(30, all.Select(m => m.Id).Distinct().Count());
        Assert.Equal(all.Select(m => m.Sequence).Order(), all.Select(m => m.Sequence));
        // Each is in the batch's order (losses 10, 11, 12, …) and carries its own fields.
        Assert.Equal(Enumerable.Range(0, 30).Select(i => 10m + i), all.Select(m => m.LossAmount));
        Assert.Equal(Enumerable.Range(0, 30).Where(i => i % 3 != 0).Select(i => 10m + i), guangdong.Of<IncidentReportedMessage>().Select(m => m.LossAmount));
        Assert.All(guangdong.Of<IncidentReportedMessage>(), m => Assert.Equal("440305", m.RegionCode));
        Assert.Equal(Enumerable.Range(0, 30).Where(i => i % 3 == 0).Select(i => 10m + i), sichuan.Of<IncidentReportedMessage>().Select(m => m.LossAmount));
    }

    [Fact]
    public async Task A_client_watching_the_nation_and_a_province_receives_each_incident_once_and_keeps_the_province_after_leaving_the_nation()
    {
        var guangdong = await _app.CentreAsync("44");
        var sichuan = await _app.CentreAsync("51");
        await using var client = await HubClient.ConnectAsync(_app);
        await client.WatchAsync("000000");
        await client.WatchAsync("440000");

        await PostAsync(guangdong, "440305", 10m, "twice-gd");
        await PostAsync(sichuan, "510104", 20m, "twice-sc");
        // Messages to a connection keep their order: a second copy of the Guangdong incident would have come before Sichuan's.
        await client.WaitUntilAsync(c => c.Of<IncidentReportedMessage>().Any(m => m.RegionCode == "510104"));
        Assert.Equal(["440305", "510104"], client.Of<IncidentReportedMessage>().Select(m => m.RegionCode));

        await client.UnwatchAsync("000000");
        await PostAsync(sichuan, "510104", 30m, "after-sc");
        await PostAsync(guangdong, "440305", 40m, "after-gd");
        await client.WaitUntilAsync(c => c.Of<IncidentReportedMessage>().Any(m => m.LossAmount == 40m));
        Assert.Equal([10m, 20m, 40m], client.Of<IncidentReportedMessage>().Select(m => m.LossAmount));
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
