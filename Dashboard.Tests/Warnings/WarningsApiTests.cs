using System.Net;
using System.Text.Json.Nodes;
using AntiFraud.Dashboard.Tests.Harness;
using AntiFraud.Domain.Warnings;
using static AntiFraud.Dashboard.Tests.Harness.Ingestion;

namespace AntiFraud.Dashboard.Tests.Warnings;

/// <summary>
/// <c>POST /api/v1/warnings</c> and <c>POST /api/v1/warnings/{id}/outcomes</c>: warning instructions to counties and the call-backs
/// that answer them, each stored once, refused whole when anything is wrong.
/// </summary>
public sealed class WarningsApiTests(ApiHostFixture host) : IClassFixture<ApiHostFixture>, IAsyncLifetime
{
    private const string Url = "/api/v1/warnings";
    private readonly AppHost _app = host.App;
    private ReportingCentreClient _shenzhen = null!;
    private ReportingCentreClient _nanshan = null!;
    private ReportingCentreClient _futian = null!;

    public async Task InitializeAsync()
    {
        _shenzhen = await host.CentreAsync("4403");
        _nanshan = await host.CentreAsync("440305");
        _futian = await host.CentreAsync("440304");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static string OutcomesUrl(Guid id) => $"{Url}/{id}/outcomes";

    private async Task RefusedAsync(JsonObject body, HttpStatusCode status, string? field, ReportingCentreClient? centre = null)
    {
        centre ??= _shenzhen;
        await _app.AssertRefusedAsync(() => centre.Http.PostJsonAsync(Url, body), status, field);
        if (body["externalId"] is JsonValue externalId && externalId.TryGetValue<string>(out var text))
            Assert.Empty(await _app.StreamAsync(WarningLedger.StreamId(centre.Key.Id, text)));
    }

    private Task<Guid> IssueAsync(DateTimeOffset? issuedAt = null) =>
        _shenzhen.Http.CreateAsync(Url, Warning(NewExternalId(), issuedAt: issuedAt ?? Ago(TimeSpan.FromHours(3))));

    private async Task<IReadOnlyList<object>> EventsOfAsync(Guid id) => (await _app.StreamAsync(id)).Select(e => e.Data).ToList();

    [Fact]
    public async Task A_warning_is_stored_once_and_answered_201_with_its_id()
    {
        var body = Warning(NewExternalId());

        var response = await _shenzhen.Http.PostJsonAsync(Url, body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = await response.IdOfAsync();
        Assert.Equal(WarningLedger.StreamId(_shenzhen.Key.Id, body["externalId"]!.GetValue<string>()), id);
        var issued = Assert.IsType<WarningIssued>(Assert.Single(await EventsOfAsync(id)));
        Assert.Equal(body["regionCode"]!.GetValue<string>(), issued.County.ToString());
        Assert.Equal(body["level"]!.GetValue<string>(), issued.Level.ToString());
    }

    [Fact]
    public async Task A_warning_without_an_API_key_is_refused_401()
    {
        await _app.AssertRefusedAsync(() => _app.CreateClient().PostJsonAsync(Url, Warning(NewExternalId())), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_city_centre_warning_a_county_of_another_city_is_refused_403()
    {
        await RefusedAsync(Warning(NewExternalId(), regionCode: "440106"), HttpStatusCode.Forbidden, null);
    }

    [Fact]
    public async Task A_county_centre_warning_a_sibling_county_is_refused_403()
    {
        await RefusedAsync(Warning(NewExternalId(), regionCode: "440304"), HttpStatusCode.Forbidden, null, _nanshan);
    }

    [Theory]
    [InlineData("440300")]
    [InlineData("440399")]
    [InlineData("44O305")]
    [InlineData("4403050")]
    public async Task A_city_unknown_or_malformed_region_code_is_refused_400_naming_regionCode(string code)
    {
        await RefusedAsync(Warning(NewExternalId(), regionCode: code), HttpStatusCode.BadRequest, "/regionCode");
    }

    [Theory]
    [InlineData("source", "Rumour")]
    [InlineData("level", "Extreme")]
    [InlineData("level", "high")]
    [InlineData("category", "Lottery")]
    public async Task An_unknown_enum_value_is_refused_400_naming_the_field(string field, string value)
    {
        var body = Warning(NewExternalId());
        body[field] = value;

        await RefusedAsync(body, HttpStatusCode.BadRequest, "/" + field);
    }

    [Theory]
    [InlineData("externalId")]
    [InlineData("regionCode")]
    [InlineData("source")]
    [InlineData("level")]
    [InlineData("category")]
    [InlineData("issuedAt")]
    public async Task A_missing_field_is_refused_400_naming_it(string field)
    {
        var body = Warning(NewExternalId());
        body.Remove(field);

        await RefusedAsync(body, HttpStatusCode.BadRequest, "/" + field);
    }

    [Fact]
    public async Task A_warning_issued_more_than_five_minutes_in_the_future_is_refused_400()
    {
        await RefusedAsync(Warning(NewExternalId(), issuedAt: Ago(TimeSpan.FromMinutes(-7))), HttpStatusCode.BadRequest, "/issuedAt");
    }

    [Fact]
    public async Task A_warning_time_without_an_offset_is_refused_400()
    {
        var body = Warning(NewExternalId());
        body["issuedAt"] = Ago(TimeSpan.FromHours(1)).ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

        await RefusedAsync(body, HttpStatusCode.BadRequest, "/issuedAt");
    }

    [Theory]
    [InlineData("x")]
    [InlineData("ctl")]
    public async Task An_over_long_or_control_character_externalId_is_refused_400(string kind)
    {
        var externalId = kind == "x" ? new string('w', 65) : "w\u0000" + Guid.NewGuid().ToString("N");

        await RefusedAsync(Warning(externalId), HttpStatusCode.BadRequest, "/externalId");
    }

    [Fact]
    public async Task An_unknown_field_is_refused_400_naming_it()
    {
        var body = Warning(NewExternalId());
        body["phone"] = "13800000000";

        await RefusedAsync(body, HttpStatusCode.BadRequest, "/phone");
    }

    [Fact]
    public async Task Malformed_JSON_is_refused_400_and_a_non_JSON_body_415()
    {
        await _app.AssertRefusedAsync(() => _shenzhen.Http.PostRawAsync(Url, "{\"externalId\":"), HttpStatusCode.BadRequest, "");
        await _app.AssertRefusedAsync(() => _shenzhen.Http.PostRawAsync(Url, Warning(NewExternalId()).ToJsonString(), "text/plain"),
            HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task A_warning_body_over_one_megabyte_is_refused_413()
    {
        var body = Warning(NewExternalId());
        body["padding"] = new string('p', 1_024 * 1_024);

        await _app.AssertRefusedAsync(() => _shenzhen.Http.PostJsonAsync(Url, body), HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task The_same_warning_sent_twice_is_answered_201_then_200_with_one_id_and_stored_once()
    {
        var body = Warning(NewExternalId());

        var first = await _shenzhen.Http.PostJsonAsync(Url, body);
        var second = await _shenzhen.Http.PostJsonAsync(Url, body);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var id = await first.IdOfAsync();
        Assert.Equal(id, await second.IdOfAsync());
        Assert.Single(await EventsOfAsync(id));
    }

    [Fact]
    public async Task The_same_warning_externalId_with_a_different_body_is_refused_409_and_the_stored_warning_is_unchanged()
    {
        var body = Warning(NewExternalId());
        var id = await _shenzhen.Http.CreateAsync(Url, body);
        var changed = body.DeepClone().AsObject();
        changed["level"] = "Critical";

        await _app.AssertRefusedAsync(() => _shenzhen.Http.PostJsonAsync(Url, changed), HttpStatusCode.Conflict, "/externalId");

        var issued = Assert.IsType<WarningIssued>(Assert.Single(await EventsOfAsync(id)));
        Assert.Equal(body["level"]!.GetValue<string>(), issued.Level.ToString());
    }

    [Fact]
    public async Task The_same_warning_sent_twenty_times_at_once_is_stored_once()
    {
        var body = Warning(NewExternalId());

        var id = await AssertStoredOnceAsync(await _shenzhen.Http.PostAtOnceAsync(Url, body));

        Assert.Single(await EventsOfAsync(id));
    }

    [Fact]
    public async Task A_settling_outcome_is_recorded_and_closes_the_warning()
    {
        var issuedAt = Ago(TimeSpan.FromHours(3));
        var id = await IssueAsync(issuedAt);

        var response = await _nanshan.Http.PostJsonAsync(OutcomesUrl(id), Outcome(NewExternalId(), "Dissuaded", issuedAt.AddMinutes(9)));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(id, await response.IdOfAsync());
        var events = await EventsOfAsync(id);
        var recorded = events.OfType<WarningOutcomeRecorded>().Single();
        Assert.Equal(WarningOutcome.Dissuaded, recorded.Outcome);
        Assert.Equal(9, recorded.MinutesToFirstCallBack);
        Assert.Single(events.OfType<WarningClosed>());
    }

    [Fact]
    public async Task Not_reachable_yet_keeps_the_warning_open_for_a_later_outcome()
    {
        var issuedAt = Ago(TimeSpan.FromHours(3));
        var id = await IssueAsync(issuedAt);

        await _nanshan.Http.CreateAsync(OutcomesUrl(id), Outcome(NewExternalId(), "NotReachableYet", issuedAt.AddMinutes(5)));
        await _nanshan.Http.CreateAsync(OutcomesUrl(id), Outcome(NewExternalId(), "DissuadedInPerson", issuedAt.AddMinutes(70)));

        var events = await EventsOfAsync(id);
        Assert.Equal(new[] { WarningOutcome.NotReachableYet, WarningOutcome.DissuadedInPerson },
            events.OfType<WarningOutcomeRecorded>().Select(o => o.Outcome));
        Assert.Equal(new double?[] { 5, null }, events.OfType<WarningOutcomeRecorded>().Select(o => o.MinutesToFirstCallBack));
    }

    [Fact]
    public async Task An_outcome_on_a_closed_warning_is_refused_400_and_nothing_is_stored()
    {
        var issuedAt = Ago(TimeSpan.FromHours(3));
        var id = await IssueAsync(issuedAt);
        await _nanshan.Http.CreateAsync(OutcomesUrl(id), Outcome(NewExternalId(), "NotMatching", issuedAt.AddMinutes(5)));

        await _app.AssertRefusedAsync(
            () => _nanshan.Http.PostJsonAsync(OutcomesUrl(id), Outcome(NewExternalId(), "Dissuaded", issuedAt.AddMinutes(30))),
            HttpStatusCode.BadRequest, "/outcome");
    }

    [Fact]
    public async Task An_outcome_earlier_than_the_warning_is_refused_400_naming_at()
    {
        var issuedAt = Ago(TimeSpan.FromHours(3));
        var id = await IssueAsync(issuedAt);

        await _app.AssertRefusedAsync(
            () => _nanshan.Http.PostJsonAsync(OutcomesUrl(id), Outcome(NewExternalId(), "Dissuaded", issuedAt.AddMinutes(-1))),
            HttpStatusCode.BadRequest, "/at");
    }

    [Fact]
    public async Task An_outcome_more_than_five_minutes_in_the_future_is_refused_400_naming_at()
    {
        var id = await IssueAsync();

        await _app.AssertRefusedAsync(
            () => _nanshan.Http.PostJsonAsync(OutcomesUrl(id), Outcome(NewExternalId(), "Dissuaded", Ago(TimeSpan.FromMinutes(-10)))),
            HttpStatusCode.BadRequest, "/at");
    }

    [Theory]
    [InlineData("outcome", "Arrested", "/outcome")]
    [InlineData("outcome", null, "/outcome")]
    [InlineData("at", "yesterday", "/at")]
    [InlineData("externalId", "", "/externalId")]
    [InlineData("note", "x", "/note")]
    public async Task An_outcome_with_a_bad_or_missing_field_is_refused_400_naming_it(string field, string? value, string pointer)
    {
        var id = await IssueAsync();
        var body = Outcome(NewExternalId(), "Dissuaded", Ago(TimeSpan.FromHours(1)));
        body[field] = value;

        await _app.AssertRefusedAsync(() => _nanshan.Http.PostJsonAsync(OutcomesUrl(id), body), HttpStatusCode.BadRequest, pointer);
    }

    [Fact]
    public async Task An_outcome_for_an_unknown_warning_is_a_404_problem()
    {
        await _app.AssertRefusedAsync(
            () => _nanshan.Http.PostJsonAsync(OutcomesUrl(Guid.NewGuid()), Outcome(NewExternalId(), "Dissuaded", Ago(TimeSpan.FromHours(1)))),
            HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_outcome_from_another_county_is_refused_403()
    {
        var id = await IssueAsync();

        await _app.AssertRefusedAsync(
            () => _futian.Http.PostJsonAsync(OutcomesUrl(id), Outcome(NewExternalId(), "Dissuaded", Ago(TimeSpan.FromHours(1)))),
            HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_same_outcome_sent_twice_is_answered_201_then_200_and_recorded_once()
    {
        var issuedAt = Ago(TimeSpan.FromHours(3));
        var id = await IssueAsync(issuedAt);
        var outcome = Outcome(NewExternalId(), "NotReachableYet", issuedAt.AddMinutes(12));

        var first = await _nanshan.Http.PostJsonAsync(OutcomesUrl(id), outcome);
        var second = await _nanshan.Http.PostJsonAsync(OutcomesUrl(id), outcome);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Single((await EventsOfAsync(id)).OfType<WarningOutcomeRecorded>());
    }

    [Fact]
    public async Task A_settling_outcome_sent_again_after_it_closed_the_warning_is_answered_200()
    {
        var issuedAt = Ago(TimeSpan.FromHours(3));
        var id = await IssueAsync(issuedAt);
        var outcome = Outcome(NewExternalId(), "Duplicate", issuedAt.AddMinutes(3));
        await _nanshan.Http.CreateAsync(OutcomesUrl(id), outcome);
        var before = await _app.EventCountAsync();

        var retry = await _nanshan.Http.PostJsonAsync(OutcomesUrl(id), outcome);

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(before, await _app.EventCountAsync());
    }

    [Fact]
    public async Task The_same_outcome_externalId_with_a_different_body_is_refused_409()
    {
        var issuedAt = Ago(TimeSpan.FromHours(3));
        var id = await IssueAsync(issuedAt);
        var externalId = NewExternalId();
        await _nanshan.Http.CreateAsync(OutcomesUrl(id), Outcome(externalId, "NotReachableYet", issuedAt.AddMinutes(12)));

        await _app.AssertRefusedAsync(
            () => _nanshan.Http.PostJsonAsync(OutcomesUrl(id), Outcome(externalId, "Dissuaded", issuedAt.AddMinutes(12))),
            HttpStatusCode.Conflict, "/externalId");

        Assert.Equal(WarningOutcome.NotReachableYet, Assert.Single((await EventsOfAsync(id)).OfType<WarningOutcomeRecorded>()).Outcome);
    }

    [Fact]
    public async Task The_same_outcome_sent_twenty_times_at_once_is_recorded_once()
    {
        var issuedAt = Ago(TimeSpan.FromHours(3));
        var id = await IssueAsync(issuedAt);
        var outcome = Outcome(NewExternalId(), "Dissuaded", issuedAt.AddMinutes(4));

        Assert.Equal(id, await AssertStoredOnceAsync(await _nanshan.Http.PostAtOnceAsync(OutcomesUrl(id), outcome)));

        Assert.Single((await EventsOfAsync(id)).OfType<WarningOutcomeRecorded>());
    }
}
