using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using AntiFraud.Dashboard.Tests.Harness;
using static AntiFraud.Dashboard.Tests.Harness.Ingestion;

namespace AntiFraud.Dashboard.Tests.Figures;

/// <summary>
/// <c>GET /api/v1/regions/{code}/stats</c>: what was reported rolls up per China day to the county, its city, its province and the
/// nation. Each test uses China days of its own, so the nation's figures hold only what that test reported.
/// </summary>
public sealed class RegionStatsTests(ApiHostFixture host) : IClassFixture<ApiHostFixture>, IAsyncLifetime
{
    private const string Incidents = "/api/v1/incidents";
    private readonly AppHost _app = host.App;
    private ReportingCentreClient _shenzhen = null!;
    private ReportingCentreClient _hangzhou = null!;
    private ReportingCentreClient _nanshan = null!;
    private ReportingCentreClient _nation = null!;

    public async Task InitializeAsync()
    {
        _shenzhen = await host.CentreAsync("4403");
        _hangzhou = await host.CentreAsync("3301");
        _nanshan = await host.CentreAsync("440305");
        _nation = await host.CentreAsync("000000");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>The county itself, its city, its province and the nation, from the digits of the code.</summary>
    private static string[] RegionAndAncestors(string county) => [county, county[..4] + "00", county[..2] + "0000", "000000"];

    private ReportingCentreClient CentreFor(string county) => county.StartsWith("44", StringComparison.Ordinal) ? _shenzhen : _hangzhou;

    private sealed record Reported(string County, decimal Loss, string FraudType, DateTimeOffset At);

    private async Task<Guid> ReportAsync(Reported r) =>
        await CentreFor(r.County).Http.CreateAsync(Incidents, Incident(NewExternalId(), regionCode: r.County, occurredAt: r.At, lossAmount: r.Loss, fraudType: r.FraudType));

    private static Dictionary<string, long> Counts(JsonElement stats, string property) =>
        stats.GetProperty(property).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());

    [Fact]
    public async Task The_totals_of_a_city_a_province_and_the_nation_are_the_sums_of_their_counties()
    {
        var day = ChinaDaysAgo(5);
        Reported[] reports =
        [
            new("440305", 10_000.10m, "PigButchering", At(day, 9, 15)),
            new("440305", 2_500m, "Loan", At(day, 14, 0)),
            new("440304", 777.77m, "Loan", At(day, 20, 30)),
            new("330106", 30_000m, "FakeCustomerService", At(day, 11, 45)),
        ];
        foreach (var r in reports) await ReportAsync(r);

        await _app.WaitForRollUpsAsync();

        var regions = reports.SelectMany(r => RegionAndAncestors(r.County)).Distinct().ToList();
        var stats = new Dictionary<string, JsonElement>();
        foreach (var region in regions) stats[region] = await _nation.Http.StatsAsync(region, day);
        foreach (var region in regions)
        {
            var inside = reports.Where(r => RegionAndAncestors(r.County).Contains(region)).ToList();
            Assert.Equal(inside.Count, stats[region].GetProperty("incidents").GetInt64());
            Assert.Equal(inside.Sum(r => r.Loss), stats[region].GetProperty("loss").GetDecimal());
            Assert.Equal(inside.GroupBy(r => r.FraudType).ToDictionary(g => g.Key, g => (long)g.Count()), Counts(stats[region], "incidentsByType"));
            Assert.Equal(inside.Count, Counts(stats[region], "incidentsByChannel").Values.Sum());
        }
        var shenzhenCounties = new[] { "440305", "440304" };
        Assert.Equal(shenzhenCounties.Sum(c => stats[c].GetProperty("loss").GetDecimal()), stats["440300"].GetProperty("loss").GetDecimal());
        Assert.Equal(shenzhenCounties.Sum(c => stats[c].GetProperty("incidents").GetInt64()), stats["440000"].GetProperty("incidents").GetInt64());
        Assert.Equal(stats["440000"].GetProperty("loss").GetDecimal() + stats["330000"].GetProperty("loss").GetDecimal(),
            stats["000000"].GetProperty("loss").GetDecimal());
    }

    [Fact]
    public async Task An_incident_at_23_59_59_and_one_at_midnight_China_time_fall_on_different_China_days()
    {
        var day = ChinaDaysAgo(9);
        var lastSecond = new Reported("440305", 111.11m, "Loan", At(day, 23, 59, 59));
        var midnight = new Reported("440305", 222.22m, "Loan", At(day.AddDays(1), 0));
        await ReportAsync(lastSecond);
        var utc = Incident(NewExternalId(), regionCode: midnight.County, lossAmount: midnight.Loss, fraudType: midnight.FraudType);
        utc["occurredAt"] = midnight.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        await _shenzhen.Http.CreateAsync(Incidents, utc);

        await _app.WaitForRollUpsAsync();

        foreach (var region in RegionAndAncestors("440305"))
        {
            var first = await _nation.Http.StatsAsync(region, day);
            var second = await _nation.Http.StatsAsync(region, day.AddDays(1));
            var both = await _nation.Http.StatsAsync(region, day, day.AddDays(1));
            Assert.Equal((1, lastSecond.Loss), (first.GetProperty("incidents").GetInt64(), first.GetProperty("loss").GetDecimal()));
            Assert.Equal((1, midnight.Loss), (second.GetProperty("incidents").GetInt64(), second.GetProperty("loss").GetDecimal()));
            Assert.Equal((2, lastSecond.Loss + midnight.Loss), (both.GetProperty("incidents").GetInt64(), both.GetProperty("loss").GetDecimal()));
        }
    }

    [Fact]
    public async Task Funds_stopped_frozen_and_returned_and_cases_filed_and_solved_show_in_the_figures()
    {
        var day = ChinaDaysAgo(13);
        var (stopped, frozen, returned, arrests) = (30_000m, 25_000.25m, 10_000m, 4);
        var nanshan = await ReportAsync(new("440305", 100_000m, "FakeInvestment", At(day, 8)));
        var xihu = await ReportAsync(new("330106", 9_000m, "Loan", At(day, 8)));
        var xihuFrozen = 5_000m;
        async Task Step(Guid id, string type, int hour, params (string, JsonNode?)[] fields) =>
            await CentreFor(id == nanshan ? "440305" : "330106").Http.CreateAsync($"{Incidents}/{id}/events",
                LifecycleEvent(NewExternalId(), type, At(day, hour), fields));
        await Step(nanshan, "StopPaymentRequested", 9, ("amount", stopped));
        await Step(nanshan, "FundsFrozen", 10, ("amount", frozen));
        await Step(nanshan, "FundsReturned", 11, ("amount", returned));
        await Step(nanshan, "CaseFiled", 12);
        await Step(nanshan, "CaseSolved", 13, ("arrests", arrests));
        await Step(xihu, "FundsFrozen", 10, ("amount", xihuFrozen));

        await _app.WaitForRollUpsAsync();

        foreach (var region in new[] { "440305", "440300", "440000" })
        {
            var s = await _nation.Http.StatsAsync(region, day);
            Assert.Equal(stopped, s.GetProperty("stopped").GetDecimal());
            Assert.Equal(frozen, s.GetProperty("frozen").GetDecimal());
            Assert.Equal(returned, s.GetProperty("returned").GetDecimal());
            Assert.Equal(1, s.GetProperty("casesFiled").GetInt64());
            Assert.Equal(1, s.GetProperty("casesSolved").GetInt64());
            Assert.Equal(arrests, s.GetProperty("arrests").GetInt64());
        }
        var nation = await _nation.Http.StatsAsync("000000", day);
        Assert.Equal(frozen + xihuFrozen, nation.GetProperty("frozen").GetDecimal());
        Assert.Equal(returned, nation.GetProperty("returned").GetDecimal());
    }

    [Fact]
    public async Task Warnings_and_their_outcomes_show_with_the_median_and_mean_minutes_to_the_first_call_back()
    {
        var day = ChinaDaysAgo(17);
        var issuedAt = At(day, 9);
        (string County, (string Outcome, int Minutes)[] Calls)[] plan =
        [
            ("440305", [("NotReachableYet", 4), ("Dissuaded", 60)]),
            ("440305", [("DissuadedInPerson", 10)]),
            ("440305", [("CannotBeFound", 31)]),
            ("440304", [("Dissuaded", 20)]),
            ("440304", [("NotMatching", 45)]),
            ("440304", [("Duplicate", 7)]),
            ("440306", [("NotReachableYet", 90), ("NotReachableYet", 150)]),
        ];
        foreach (var (county, calls) in plan)
        {
            var id = await _shenzhen.Http.CreateAsync("/api/v1/warnings", Warning(NewExternalId(), regionCode: county, issuedAt: issuedAt));
            foreach (var (outcome, minutes) in calls)
                await _shenzhen.Http.CreateAsync($"/api/v1/warnings/{id}/outcomes", Outcome(NewExternalId(), outcome, issuedAt.AddMinutes(minutes)));
        }

        await _app.WaitForRollUpsAsync();

        // Every region holds an odd number of call-backs, so the median is the middle one.
        foreach (var region in new[] { "440305", "440304", "440306", "440300", "440000", "000000" })
        {
            var inside = plan.Where(w => RegionAndAncestors(w.County).Contains(region)).ToList();
            var firsts = inside.Select(w => (double)w.Calls[0].Minutes).Order().ToList();
            var outcomes = inside.SelectMany(w => w.Calls).GroupBy(c => c.Outcome).ToDictionary(g => g.Key, g => (long)g.Count());
            var s = await _nation.Http.StatsAsync(region, day);
            Assert.Equal(inside.Count, s.GetProperty("warningsIssued").GetInt64());
            Assert.Equal(firsts.Count, s.GetProperty("warningsCalledBack").GetInt64());
            Assert.Equal(firsts[firsts.Count / 2], s.GetProperty("medianMinutesToCallBack").GetDouble());
            Assert.Equal(Math.Round(firsts.Average(), 1), s.GetProperty("meanMinutesToCallBack").GetDouble());
            Assert.Equal(outcomes, Counts(s, "warningOutcomes"));
            Assert.Equal(outcomes.Where(o => o.Key.StartsWith("Dissuaded", StringComparison.Ordinal)).Sum(o => o.Value), s.GetProperty("dissuaded").GetInt64());
        }
    }

    [Fact]
    public async Task Activity_counters_of_counties_and_of_the_city_itself_sum_up_to_the_city_province_and_nation()
    {
        var day = ChinaDaysAgo(21);
        var reports = new[]
        {
            Counters(NewExternalId(), "440305", day, seed: 1),
            Counters(NewExternalId(), "440304", day, seed: 2),
            Counters(NewExternalId(), "440300", day, seed: 3),
            Counters(NewExternalId(), "330106", day, seed: 4),
        };
        foreach (var report in reports)
            await (report["regionCode"]!.GetValue<string>().StartsWith("44", StringComparison.Ordinal) ? _shenzhen : _hangzhou)
                .Http.CreateAsync("/api/v1/activity", report);

        await _app.WaitForRollUpsAsync();

        var expectations = new Dictionary<string, JsonObject[]>
        {
            ["440305"] = [reports[0]],
            ["440300"] = [reports[0], reports[1], reports[2]],
            ["440000"] = [reports[0], reports[1], reports[2]],
            ["330100"] = [reports[3]],
            ["000000"] = reports,
        };
        foreach (var (region, inside) in expectations)
        {
            var activity = (await _nation.Http.StatsAsync(region, day)).GetProperty("activity");
            foreach (var counter in reports[0]["counts"]!.AsObject().Select(c => c.Key))
                Assert.Equal(inside.Sum(r => r["counts"]![counter]!.GetValue<long>()), activity.GetProperty(counter).GetInt64());
        }
    }

    [Fact]
    public async Task A_reclassified_incident_moves_between_types_on_the_day_it_occurred()
    {
        var day = ChinaDaysAgo(29);
        var id = await ReportAsync(new("440305", 5_000m, "Loan", At(day, 10)));
        await _shenzhen.Http.CreateAsync($"{Incidents}/{id}/events",
            LifecycleEvent(NewExternalId(), "Reclassified", Ago(TimeSpan.FromMinutes(10)), ("fraudType", "FakeInvestment")));

        await _app.WaitForRollUpsAsync();

        var s = await _nation.Http.StatsAsync("440300", day);
        Assert.Equal(new Dictionary<string, long> { ["FakeInvestment"] = 1 }, Counts(s, "incidentsByType"));
        Assert.Equal(1, s.GetProperty("incidents").GetInt64());
    }

    [Fact]
    public async Task A_day_with_nothing_reported_answers_zeros_and_no_call_back_times()
    {
        var s = await _nation.Http.StatsAsync("000000", ChinaDaysAgo(500));

        Assert.Equal(0, s.GetProperty("incidents").GetInt64());
        Assert.Equal(0m, s.GetProperty("loss").GetDecimal());
        Assert.Equal(JsonValueKind.Null, s.GetProperty("medianMinutesToCallBack").ValueKind);
        Assert.Equal(JsonValueKind.Null, s.GetProperty("meanMinutesToCallBack").ValueKind);
    }

    [Theory]
    [InlineData("4403", "440000")]
    [InlineData("4403", "330100")]
    [InlineData("4403", "440106")]
    [InlineData("4403", "000000")]
    [InlineData("440305", "440304")]
    [InlineData("440305", "440300")]
    public async Task A_key_cannot_read_figures_outside_its_jurisdiction_403(string centre, string region)
    {
        var key = centre == "4403" ? _shenzhen : _nanshan;
        var day = Iso(ChinaDaysAgo(1));

        var response = await key.Http.GetAsync($"/api/v1/regions/{region}/stats?from={day}&to={day}");

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_key_reads_the_figures_of_its_own_region_and_of_the_regions_inside_it()
    {
        var day = ChinaDaysAgo(1);

        await _shenzhen.Http.StatsAsync("440300", day);
        await _shenzhen.Http.StatsAsync("440305", day);
        await _nanshan.Http.StatsAsync("440305", day);
    }

    [Fact]
    public async Task Figures_need_an_API_key()
    {
        var day = Iso(ChinaDaysAgo(1));

        var response = await _app.CreateClient().GetAsync($"/api/v1/regions/440300/stats?from={day}&to={day}");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData(0, 1, "to")]
    [InlineData(null, 0, "from")]
    [InlineData(0, null, "to")]
    [InlineData(800, 0, "to")]
    public async Task An_invalid_date_range_is_refused_400_naming_the_parameter(int? fromDaysAgo, int? toDaysAgo, string field)
    {
        var query = string.Join("&", new[] { ("from", fromDaysAgo), ("to", toDaysAgo) }
            .Where(p => p.Item2 is not null).Select(p => $"{p.Item1}={Iso(ChinaDaysAgo(10 + p.Item2!.Value))}"));

        var response = await _nation.Http.GetAsync($"/api/v1/regions/440300/stats?{query}");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Theory]
    [InlineData("from=2026%2F03%2F01&to=2026-03-02", "from")]
    [InlineData("from=2026-02-30&to=2026-03-02", "from")]
    [InlineData("from=2026-03-01&to=tomorrow", "to")]
    public async Task A_date_not_written_as_YYYY_MM_DD_is_refused_400_naming_the_parameter(string query, string field)
    {
        var response = await _nation.Http.GetAsync($"/api/v1/regions/440300/stats?{query}");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task Eight_hundred_days_at_a_time_are_answered()
    {
        var to = ChinaDaysAgo(1);

        var s = await _nation.Http.StatsAsync("440300", to.AddDays(-799), to);

        Assert.Equal(Iso(to.AddDays(-799)), s.GetProperty("from").GetString());
    }

    [Theory]
    [InlineData("449999")]
    [InlineData("abc")]
    public async Task Figures_of_an_unknown_region_are_a_404_problem(string region)
    {
        var day = Iso(ChinaDaysAgo(1));

        var response = await _nation.Http.GetAsync($"/api/v1/regions/{region}/stats?from={day}&to={day}");

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
