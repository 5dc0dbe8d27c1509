using System.Text.Json.Nodes;
using AntiFraud.Dashboard.Features.Regions;
using AntiFraud.Dashboard.Tests.Harness;
using AntiFraud.Domain.Figures;
using AntiFraud.Domain.Incidents;
using AntiFraud.Domain.Regions;
using Marten;
using static AntiFraud.Dashboard.Tests.Harness.Ingestion;

namespace AntiFraud.Dashboard.Tests.Regions;

/// <summary>The analysis page's reads on a real store: many regions' totals at once, and the incident list's server-side filters and pages.</summary>
public sealed class RegionAnalysisDatabaseTests : IAsyncLifetime
{
    private AppHost _app = null!;
    private ReportingCentreClient _guangdong = null!;

    public async Task InitializeAsync()
    {
        _app = await AppHost.StartAsync();
        _guangdong = await _app.CentreAsync("44", "广东省反诈中心");
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private sealed record Reported(Guid Id, string County, DateTimeOffset At, string Type, string Channel, decimal Loss);

    private async Task<Reported> ReportAsync(string county, DateTimeOffset at, decimal loss, string type = "PigButchering", string channel = "App")
    {
        var body = Incident(NewExternalId("analysis"), county, at, loss, type);
        body["channel"] = channel;
        var id = await _guangdong.Http.CreateAsync("/api/v1/incidents", body);
        return new Reported(id, county, at, type, channel, loss);
    }

    private IQuerySession Session() => _app.Services.GetRequiredService<IDocumentStore>().QuerySession();

    [Fact]
    public async Task Many_regions_totals_come_back_in_one_answer_each_as_the_single_region_read_gives_it()
    {
        var (first, second) = (ChinaDaysAgo(12), ChinaDaysAgo(11));
        var reports = new[]
        {
            await ReportAsync("440305", At(first, 9), 1_000m),
            await ReportAsync("440305", At(second, 10), 2_000m),
            await ReportAsync("440106", At(second, 11), 4_000m),
        };
        await _app.WaitForRollUpsAsync();
        RegionCode[] codes = [.. new[] { "440000", "440300", "440100", "440200", "440305" }.Select(RegionCode.Parse)];

        await using var session = Session();
        var many = await RegionFigures.TotalsForManyAsync(session, codes, first, second);

        Assert.Equal(codes.Order(), many.Keys.Order());
        foreach (var code in codes)
        {
            var inside = reports.Where(r => RegionCode.Parse(r.County).IsWithin(code)).ToList();
            Assert.Equal(inside.Count, many[code].Incidents);
            Assert.Equal(inside.Sum(r => r.Loss), many[code].Loss);
            var single = await RegionFigures.TotalsAsync(session, code, first, second);
            Assert.Equal((single.Incidents, single.Loss, single.From, single.To), (many[code].Incidents, many[code].Loss, many[code].From, many[code].To));
        }
    }

    [Fact]
    public async Task Many_regions_totals_refuse_a_range_longer_than_the_limit_with_a_message_naming_it()
    {
        await using var session = Session();
        var from = new DateOnly(2024, 1, 1);

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            RegionFigures.TotalsForManyAsync(session, [RegionCode.National], from, from.AddDays(RegionFigures.MaxDaysForMany)));

        Assert.Contains($"{RegionFigures.MaxDaysForMany} days", error.Message);
    }

    [Fact]
    public async Task The_incident_list_filters_on_the_server_newest_first_and_counts_every_match_for_the_pager()
    {
        var (early, late) = (ChinaDaysAgo(20), ChinaDaysAgo(19));
        var shenzhen = new List<Reported>
        {
            await ReportAsync("440305", At(early, 8), 500m, "Loan", "Call"),
            await ReportAsync("440304", At(early, 12), 20_000m),
            await ReportAsync("440305", At(late, 9), 80_000m, "FakeCustomerService", "Sms"),
            await ReportAsync("440306", At(late, 15), 3_000m, "Loan"),
            await ReportAsync("440305", At(late, 20), 150_000m),
        };
        await ReportAsync("440106", At(late, 10), 7_000m, "Loan");
        var filed = shenzhen[2];
        await _guangdong.Http.CreateAsync($"/api/v1/incidents/{filed.Id}/events",
            LifecycleEvent(NewExternalId(), "CaseFiled", Ago(TimeSpan.FromMinutes(10)), ("caseNumber", (JsonNode?)"深南公(刑)立字[2026]0001号")));
        var region = RegionCode.Parse("4403");

        async Task<IncidentPage> Find(IncidentFilter filter, int page = 0, int size = 25)
        {
            await using var session = Session();
            return await IncidentSearch.FindAsync(session, region, filter, page, size);
        }
        static Guid[] Newest(IEnumerable<Reported> reports) => reports.OrderByDescending(r => r.At).Select(r => r.Id).ToArray();

        var all = await Find(new IncidentFilter());
        Assert.Equal(Newest(shenzhen), all.Items.Select(i => i.Id));
        Assert.Equal(shenzhen.Count, all.Total);

        Assert.Equal(Newest(shenzhen.Where(r => r.Type == "Loan")), (await Find(new IncidentFilter(FraudType: FraudType.Loan))).Items.Select(i => i.Id));
        Assert.Equal(Newest(shenzhen.Where(r => r.Channel == "Sms")), (await Find(new IncidentFilter(Channel: Channel.Sms))).Items.Select(i => i.Id));
        Assert.Equal(Newest(shenzhen.Where(r => r.At < At(late, 0))), (await Find(new IncidentFilter(From: early, To: early))).Items.Select(i => i.Id));
        Assert.Equal(Newest(shenzhen.Where(r => r.Loss is >= 3_000m and <= 80_000m)),
            (await Find(new IncidentFilter(MinLoss: 3_000m, MaxLoss: 80_000m))).Items.Select(i => i.Id));
        Assert.Equal([filed.Id], (await Find(new IncidentFilter(Status: IncidentStatus.Filed))).Items.Select(i => i.Id));
        Assert.Equal(0, (await Find(new IncidentFilter(FraudType: FraudType.GameTrading))).Total);

        var second = await Find(new IncidentFilter(), page: 1, size: 2);
        Assert.Equal(Newest(shenzhen).Skip(2).Take(2), second.Items.Select(i => i.Id));
        Assert.Equal(shenzhen.Count, second.Total);
    }
}
