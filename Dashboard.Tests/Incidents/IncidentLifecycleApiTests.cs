using System.Net;
using System.Text.Json.Nodes;
using AntiFraud.Dashboard.Tests.Harness;
using AntiFraud.Domain.Incidents;
using static AntiFraud.Dashboard.Tests.Harness.Ingestion;

namespace AntiFraud.Dashboard.Tests.Incidents;

/// <summary>
/// <c>POST /api/v1/incidents/{id}/events</c> and <c>GET /api/v1/incidents/{id}</c>: an incident's later steps, its details and
/// history, and who may see or change it.
/// </summary>
public sealed class IncidentLifecycleApiTests(ApiHostFixture host) : IClassFixture<ApiHostFixture>, IAsyncLifetime
{
    private const string Url = "/api/v1/incidents";
    private readonly AppHost _app = host.App;
    private ReportingCentreClient _shenzhen = null!;
    private ReportingCentreClient _nanshan = null!;
    private ReportingCentreClient _futian = null!;
    private ReportingCentreClient _hangzhou = null!;

    public async Task InitializeAsync()
    {
        _shenzhen = await host.CentreAsync("4403");
        _nanshan = await host.CentreAsync("440305");
        _futian = await host.CentreAsync("440304");
        _hangzhou = await host.CentreAsync("3301");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static string EventsUrl(Guid id) => $"{Url}/{id}/events";

    private Task<Guid> ReportAsync(decimal loss = 50_000m, ReportingCentreClient? centre = null, string region = "440305") =>
        (centre ?? _shenzhen).Http.CreateAsync(Url, Incident(NewExternalId(), regionCode: region, occurredAt: Ago(TimeSpan.FromHours(6)), lossAmount: loss));

    private Task RecordAsync(Guid id, string type, TimeSpan ago, params (string, JsonNode?)[] fields) =>
        _shenzhen.Http.CreateAsync(EventsUrl(id), LifecycleEvent(NewExternalId(), type, Ago(ago), fields));

    private Task<System.Text.Json.JsonElement> RefusedStepAsync(Guid id, HttpStatusCode status, string? field, string type, params (string, JsonNode?)[] fields) =>
        _app.AssertRefusedAsync(() => _shenzhen.Http.PostJsonAsync(EventsUrl(id), LifecycleEvent(NewExternalId(), type, Ago(TimeSpan.FromMinutes(5)), fields)),
            status, field);

    [Fact]
    public async Task An_incident_answers_its_details_and_its_history_in_order_after_later_steps()
    {
        var loss = 50_000m;
        var (stopped, frozen, returned) = (20_000m, 15_000.5m, 5_000m);
        var report = Incident(NewExternalId(), regionCode: "440305", occurredAt: Ago(TimeSpan.FromHours(6)), lossAmount: loss);
        var id = await _shenzhen.Http.CreateAsync(Url, report);
        await RecordAsync(id, "StopPaymentRequested", TimeSpan.FromHours(5), ("amount", stopped));
        await RecordAsync(id, "FundsFrozen", TimeSpan.FromHours(4), ("amount", frozen));
        await RecordAsync(id, "FundsReturned", TimeSpan.FromHours(3), ("amount", returned));
        await RecordAsync(id, "CaseFiled", TimeSpan.FromHours(2), ("caseNumber", "深南公(刑)立字[2026]0815号"));
        await RecordAsync(id, "SuspectsIdentified", TimeSpan.FromMinutes(90), ("count", 3), ("homeRegions", new JsonArray("350582", "350582")));
        await RecordAsync(id, "CaseSolved", TimeSpan.FromHours(1), ("arrests", 2));

        var incident = await _nanshan.Http.GetIncidentAsync(id);

        Assert.Equal(id, incident["id"]!.GetValue<Guid>());
        Assert.Equal(report["externalId"]!.GetValue<string>(), incident["externalId"]!.GetValue<string>());
        Assert.Equal("440305", incident["regionCode"]!.GetValue<string>());
        Assert.Equal("440300", incident["reportedBy"]!.GetValue<string>());
        Assert.Equal(report["fraudType"]!.GetValue<string>(), incident["fraudType"]!.GetValue<string>());
        Assert.Equal(report["victim"]!["ageBand"]!.GetValue<string>(), incident["victim"]!["ageBand"]!.GetValue<string>());
        Assert.Equal(report["summary"]!.GetValue<string>(), incident["summary"]!.GetValue<string>());
        Assert.Equal(DateTimeOffset.Parse(report["occurredAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture),
            incident["occurredAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(loss, incident["lossAmount"]!.GetValue<decimal>());
        Assert.Equal("Solved", incident["status"]!.GetValue<string>());
        Assert.Equal(stopped, incident["stopped"]!.GetValue<decimal>());
        Assert.Equal(frozen, incident["frozen"]!.GetValue<decimal>());
        Assert.Equal(returned, incident["returned"]!.GetValue<decimal>());
        Assert.Equal(3, incident["suspects"]!.GetValue<int>());
        Assert.Equal(2, incident["arrests"]!.GetValue<int>());
        var history = incident["history"]!.AsArray();
        Assert.Equal(new[] { "Reported", "StopPaymentRequested", "FundsFrozen", "FundsReturned", "CaseFiled", "SuspectsIdentified", "CaseSolved" },
            history.Select(h => h!["type"]!.GetValue<string>()));
        Assert.Equal(new decimal?[] { loss, stopped, frozen, returned, null, null, null }, history.Select(h => h!["amount"]?.GetValue<decimal>()));
        Assert.All(history.Skip(1), h => Assert.Equal("440300", h!["recordedBy"]!.GetValue<string>()));
    }

    [Fact]
    public async Task An_escalated_then_transferred_then_reclassified_then_closed_incident_shows_each_step_by_the_type_it_was_sent_as()
    {
        var id = await ReportAsync();
        (string Type, (string, JsonNode?)[] Fields)[] steps =
        [
            ("Escalated", [("to", "440000"), ("reason", "涉案金额大")]),
            ("Transferred", [("toCounty", "440304"), ("reason", "嫌疑人在福田")]),
            ("Reclassified", [("fraudType", "FakeInvestment"), ("reason", "经核实")]),
            ("Closed", [("reason", "已办结")]),
        ];
        for (var i = 0; i < steps.Length; i++)
            await RecordAsync(id, steps[i].Type, TimeSpan.FromHours(steps.Length - i), steps[i].Fields);

        var incident = await _shenzhen.Http.GetIncidentAsync(id);

        Assert.Equal("440304", incident["regionCode"]!.GetValue<string>());
        Assert.Equal("FakeInvestment", incident["fraudType"]!.GetValue<string>());
        Assert.Equal("Closed", incident["status"]!.GetValue<string>());
        Assert.Equal(steps.Select(s => s.Type).Prepend("Reported"),
            incident["history"]!.AsArray().Select(h => h!["type"]!.GetValue<string>()));
    }

    [Fact]
    public async Task An_unknown_incident_is_a_404_problem()
    {
        var response = await _shenzhen.Http.GetAsync($"{Url}/{Guid.NewGuid()}");

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_later_step_on_an_unknown_incident_is_a_404_problem_and_nothing_is_stored()
    {
        await RefusedStepAsync(Guid.NewGuid(), HttpStatusCode.NotFound, null, "CaseFiled");
    }

    [Fact]
    public async Task Another_jurisdictions_incident_cannot_be_read_403()
    {
        var id = await ReportAsync();

        await (await _hangzhou.Http.GetAsync($"{Url}/{id}")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await _futian.Http.GetAsync($"{Url}/{id}")).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Another_jurisdictions_incident_cannot_be_changed_403_and_nothing_is_stored()
    {
        var id = await ReportAsync();
        var freeze = LifecycleEvent(NewExternalId(), "FundsFrozen", Ago(TimeSpan.FromMinutes(5)), ("amount", 100m));

        await _app.AssertRefusedAsync(() => _futian.Http.PostJsonAsync(EventsUrl(id), freeze), HttpStatusCode.Forbidden);
        await _app.AssertRefusedAsync(() => _hangzhou.Http.PostJsonAsync(EventsUrl(id), freeze), HttpStatusCode.Forbidden);

        Assert.Single(await _app.StreamAsync(id));
    }

    [Fact]
    public async Task Reading_an_incident_needs_an_API_key()
    {
        var id = await ReportAsync();

        await (await _app.CreateClient().GetAsync($"{Url}/{id}")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Returning_more_than_was_frozen_is_refused_400_naming_amount()
    {
        var id = await ReportAsync(loss: 9_000m);
        await RecordAsync(id, "FundsFrozen", TimeSpan.FromMinutes(30), ("amount", 4_000m));

        await RefusedStepAsync(id, HttpStatusCode.BadRequest, "/amount", "FundsReturned", ("amount", 4_000.01m));
    }

    [Fact]
    public async Task Freezing_more_than_the_loss_is_refused_400_naming_amount()
    {
        var loss = 9_000m;
        var id = await ReportAsync(loss);

        await RefusedStepAsync(id, HttpStatusCode.BadRequest, "/amount", "FundsFrozen", ("amount", loss + 1m));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-100)]
    [InlineData(10_000_000_000.01)]
    [InlineData(1.005)]
    public async Task A_zero_negative_absurd_or_sub_fen_amount_is_refused_400_naming_amount(double amount)
    {
        var id = await ReportAsync();

        await RefusedStepAsync(id, HttpStatusCode.BadRequest, "/amount", "StopPaymentRequested", ("amount", (decimal)amount));
    }

    [Fact]
    public async Task Solving_before_filing_is_refused_400()
    {
        var id = await ReportAsync();

        await RefusedStepAsync(id, HttpStatusCode.BadRequest, "/type", "CaseSolved", ("arrests", 1));
    }

    [Fact]
    public async Task Nothing_can_be_recorded_on_a_closed_incident()
    {
        var id = await ReportAsync();
        await RecordAsync(id, "Closed", TimeSpan.FromMinutes(30), ("reason", "不予立案"));

        await RefusedStepAsync(id, HttpStatusCode.BadRequest, "/type", "FundsFrozen", ("amount", 100m));
    }

    [Theory]
    [InlineData("Escalated", "to", "440100", "/to")]
    [InlineData("Escalated", "to", "440305", "/to")]
    [InlineData("Transferred", "toCounty", "440300", "/toCounty")]
    [InlineData("Transferred", "toCounty", "440305", "/toCounty")]
    [InlineData("Reclassified", "fraudType", "PigButchering", "/fraudType")]
    public async Task A_step_the_incident_cannot_take_is_refused_400_naming_the_field(string type, string field, string value, string pointer)
    {
        var id = await ReportAsync();

        await RefusedStepAsync(id, HttpStatusCode.BadRequest, pointer, type, (field, value), ("reason", "测试"));
    }

    [Fact]
    public async Task A_transfer_to_a_county_that_is_not_in_the_catalogue_is_refused_400()
    {
        var id = await ReportAsync();

        await RefusedStepAsync(id, HttpStatusCode.BadRequest, "/toCounty", "Transferred", ("toCounty", "440399"), ("reason", "测试"));
    }

    [Fact]
    public async Task An_unknown_step_type_is_refused_400_naming_type()
    {
        var id = await ReportAsync();

        await RefusedStepAsync(id, HttpStatusCode.BadRequest, "/type", "FundsStolen", ("amount", 1m));
    }

    [Theory]
    [InlineData("FundsFrozen", "/amount")]
    [InlineData("CaseSolved", "/arrests")]
    [InlineData("Escalated", "/to")]
    [InlineData("Closed", "/reason")]
    public async Task A_step_without_its_required_field_is_refused_400_naming_it(string type, string pointer)
    {
        var id = await ReportAsync();

        await RefusedStepAsync(id, HttpStatusCode.BadRequest, pointer, type);
    }

    [Fact]
    public async Task A_step_with_an_unknown_field_is_refused_400_naming_it()
    {
        var id = await ReportAsync();

        await RefusedStepAsync(id, HttpStatusCode.BadRequest, "/currency", "FundsFrozen", ("amount", 10m), ("currency", "CNY"));
    }

    [Fact]
    public async Task A_step_dated_more_than_five_minutes_in_the_future_is_refused_400_naming_at()
    {
        var id = await ReportAsync();
        var future = LifecycleEvent(NewExternalId(), "FundsFrozen", Ago(TimeSpan.FromHours(-1)), ("amount", 10m));

        await _app.AssertRefusedAsync(() => _shenzhen.Http.PostJsonAsync(EventsUrl(id), future), HttpStatusCode.BadRequest, "/at");
    }

    [Fact]
    public async Task A_step_without_a_time_offset_is_refused_400_naming_at()
    {
        var id = await ReportAsync();
        var body = LifecycleEvent(NewExternalId(), "FundsFrozen", Ago(TimeSpan.FromHours(1)), ("amount", 10m));
        body["at"] = Ago(TimeSpan.FromHours(1)).ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

        await _app.AssertRefusedAsync(() => _shenzhen.Http.PostJsonAsync(EventsUrl(id), body), HttpStatusCode.BadRequest, "/at");
    }

    [Fact]
    public async Task A_step_that_is_not_JSON_is_refused_415()
    {
        var id = await ReportAsync();

        await _app.AssertRefusedAsync(() => _shenzhen.Http.PostRawAsync(EventsUrl(id), "type=CaseFiled", "application/x-www-form-urlencoded"),
            HttpStatusCode.UnsupportedMediaType);
    }
}
