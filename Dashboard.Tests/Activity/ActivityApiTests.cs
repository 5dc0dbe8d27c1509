using System.Net;
using System.Text.Json.Nodes;
using AntiFraud.Dashboard.Tests.Harness;
using AntiFraud.Domain.Activity;
using static AntiFraud.Dashboard.Tests.Harness.Ingestion;

namespace AntiFraud.Dashboard.Tests.Activity;

/// <summary><c>POST /api/v1/activity</c>: a region's counters for one China day, stored once, refused whole when anything is wrong.</summary>
public sealed class ActivityApiTests(ApiHostFixture host) : IClassFixture<ApiHostFixture>, IAsyncLifetime
{
    private const string Url = "/api/v1/activity";
    private readonly AppHost _app = host.App;
    private ReportingCentreClient _shenzhen = null!;
    private ReportingCentreClient _nanshan = null!;

    public async Task InitializeAsync()
    {
        _shenzhen = await host.CentreAsync("4403");
        _nanshan = await host.CentreAsync("440305");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static JsonObject Report(string regionCode = "440305", int daysAgo = 1, long seed = 1) =>
        Counters(NewExternalId(), regionCode, ChinaDaysAgo(daysAgo), seed);

    private async Task RefusedAsync(JsonObject body, HttpStatusCode status, string? field, ReportingCentreClient? centre = null)
    {
        centre ??= _shenzhen;
        await _app.AssertRefusedAsync(() => centre.Http.PostJsonAsync(Url, body), status, field);
        if (body["externalId"] is JsonValue externalId && externalId.TryGetValue<string>(out var text))
            Assert.Empty(await _app.StreamAsync(ActivityLedger.StreamId(centre.Key.Id, text)));
    }

    [Fact]
    public async Task A_counters_report_is_stored_with_every_counter_and_answered_201()
    {
        var body = Report(seed: 7);

        var id = await _shenzhen.Http.CreateAsync(Url, body);

        var stored = Assert.IsType<ActivityReported>(Assert.Single(await _app.StreamAsync(id)).Data);
        Assert.Equal(ActivityLedger.StreamId(_shenzhen.Key.Id, body["externalId"]!.GetValue<string>()), id);
        Assert.Equal(body["day"]!.GetValue<string>(), Iso(stored.Day));
        foreach (var (name, value) in stored.Counts.Fields())
            Assert.Equal(body["counts"]![name]!.GetValue<long>(), value);
    }

    [Fact]
    public async Task A_city_centre_may_report_counters_for_the_whole_city()
    {
        await _shenzhen.Http.CreateAsync(Url, Report(regionCode: "440300"));
    }

    [Fact]
    public async Task Counters_left_out_count_as_zero()
    {
        var body = Report();
        body["counts"] = new JsonObject { ["callsIntercepted"] = 12 };

        var id = await _shenzhen.Http.CreateAsync(Url, body);

        var stored = Assert.IsType<ActivityReported>(Assert.Single(await _app.StreamAsync(id)).Data);
        Assert.Equal(12, stored.Counts.CallsIntercepted);
        Assert.Equal(0, stored.Counts.SmsIntercepted + stored.Counts.SuspectsCaught);
    }

    [Fact]
    public async Task A_report_without_an_API_key_is_refused_401()
    {
        await _app.AssertRefusedAsync(() => _app.CreateClient().PostJsonAsync(Url, Report()), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_city_centre_reporting_for_another_city_is_refused_403()
    {
        await RefusedAsync(Report(regionCode: "440100"), HttpStatusCode.Forbidden, null);
        await RefusedAsync(Report(regionCode: "440106"), HttpStatusCode.Forbidden, null);
    }

    [Fact]
    public async Task A_county_centre_reporting_for_a_sibling_county_or_its_city_is_refused_403()
    {
        await RefusedAsync(Report(regionCode: "440304"), HttpStatusCode.Forbidden, null, _nanshan);
        await RefusedAsync(Report(regionCode: "440300"), HttpStatusCode.Forbidden, null, _nanshan);
    }

    [Theory]
    [InlineData("440399")]
    [InlineData("44-305")]
    [InlineData("")]
    public async Task An_unknown_or_malformed_region_code_is_refused_400_naming_regionCode(string code)
    {
        await RefusedAsync(Report(regionCode: code), HttpStatusCode.BadRequest, "/regionCode");
    }

    [Fact]
    public async Task A_day_that_has_not_begun_in_China_is_refused_400_naming_day()
    {
        await RefusedAsync(Report(daysAgo: -2), HttpStatusCode.BadRequest, "/day");
    }

    [Theory]
    [InlineData("yyyy/MM/dd")]
    [InlineData("yyyy-MM-dd'T00:00:00+08:00'")]
    [InlineData("yyyyMMdd")]
    public async Task A_day_not_written_as_YYYY_MM_DD_is_refused_400_naming_day(string format)
    {
        var body = Report();
        body["day"] = ChinaDaysAgo(1).ToString(format, System.Globalization.CultureInfo.InvariantCulture);

        await RefusedAsync(body, HttpStatusCode.BadRequest, "/day");
    }

    [Theory]
    [InlineData("callsIntercepted", "-1")]
    [InlineData("smsIntercepted", "1000000001")]
    [InlineData("appsBlocked", "1.5")]
    [InlineData("urlsBlocked", "\"10\"")]
    [InlineData("suspectsCaught", "1e30")]
    public async Task A_negative_absurd_or_non_whole_count_is_refused_400_naming_it(string name, string raw)
    {
        var body = Report();
        body["counts"]![name] = 424242;
        var json = body.ToJsonString().Replace("424242", raw, StringComparison.Ordinal);

        await _app.AssertRefusedAsync(() => _shenzhen.Http.PostRawAsync(Url, json), HttpStatusCode.BadRequest, $"/counts/{name}");
        Assert.Empty(await _app.StreamAsync(ActivityLedger.StreamId(_shenzhen.Key.Id, body["externalId"]!.GetValue<string>())));
    }

    [Fact]
    public async Task An_unknown_counter_or_field_is_refused_400_naming_it()
    {
        var misspelt = Report();
        misspelt["counts"]!["callIntercepted"] = 5;
        var extra = Report();
        extra["source"] = "manual";

        await RefusedAsync(misspelt, HttpStatusCode.BadRequest, "/counts/callIntercepted");
        await RefusedAsync(extra, HttpStatusCode.BadRequest, "/source");
    }

    [Theory]
    [InlineData("externalId")]
    [InlineData("regionCode")]
    [InlineData("day")]
    [InlineData("counts")]
    public async Task A_missing_field_is_refused_400_naming_it(string field)
    {
        var body = Report();
        body.Remove(field);

        await RefusedAsync(body, HttpStatusCode.BadRequest, "/" + field);
    }

    [Fact]
    public async Task Malformed_JSON_is_refused_400_a_non_JSON_body_415_and_an_oversized_one_413()
    {
        var big = Report();
        big["padding"] = new string('p', 1_024 * 1_024 + 1);

        await _app.AssertRefusedAsync(() => _shenzhen.Http.PostRawAsync(Url, "{\"counts\": {"), HttpStatusCode.BadRequest, "");
        await _app.AssertRefusedAsync(() => _shenzhen.Http.PostRawAsync(Url, Report().ToJsonString(), "text/csv"), HttpStatusCode.UnsupportedMediaType);
        await _app.AssertRefusedAsync(() => _shenzhen.Http.PostJsonAsync(Url, big), HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task The_same_report_sent_twice_is_answered_201_then_200_and_stored_once()
    {
        var body = Report();

        var first = await _shenzhen.Http.PostJsonAsync(Url, body);
        var second = await _shenzhen.Http.PostJsonAsync(Url, body);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var id = await first.IdOfAsync();
        Assert.Equal(id, await second.IdOfAsync());
        Assert.Single(await _app.StreamAsync(id));
    }

    [Fact]
    public async Task The_same_externalId_with_other_counts_is_refused_409_and_the_stored_counts_are_unchanged()
    {
        var body = Report(seed: 3);
        var id = await _shenzhen.Http.CreateAsync(Url, body);
        var changed = body.DeepClone().AsObject();
        changed["counts"]!["callsIntercepted"] = body["counts"]!["callsIntercepted"]!.GetValue<long>() + 1;

        await _app.AssertRefusedAsync(() => _shenzhen.Http.PostJsonAsync(Url, changed), HttpStatusCode.Conflict, "/externalId");

        var stored = Assert.IsType<ActivityReported>(Assert.Single(await _app.StreamAsync(id)).Data);
        Assert.Equal(body["counts"]!["callsIntercepted"]!.GetValue<long>(), stored.Counts.CallsIntercepted);
    }

    [Fact]
    public async Task The_same_report_sent_twenty_times_at_once_is_stored_once()
    {
        var id = await AssertStoredOnceAsync(await _shenzhen.Http.PostAtOnceAsync(Url, Report()));

        Assert.Single(await _app.StreamAsync(id));
    }
}
