using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using AntiFraud.Dashboard.Api;
using AntiFraud.Dashboard.Tests.Harness;
using AntiFraud.Domain.Incidents;
using static AntiFraud.Dashboard.Tests.Harness.Ingestion;

namespace AntiFraud.Dashboard.Tests.Incidents;

/// <summary>
/// What <c>POST /api/v1/incidents</c> refuses: each refusal is an RFC 7807 answer naming the offending field, and nothing is stored.
/// </summary>
public sealed class IncidentReportRefusalTests(ApiHostFixture host) : IClassFixture<ApiHostFixture>, IAsyncLifetime
{
    private const string Url = "/api/v1/incidents";
    private readonly AppHost _app = host.App;
    private ReportingCentreClient _shenzhen = null!;
    private ReportingCentreClient _nanshan = null!;

    public async Task InitializeAsync()
    {
        _shenzhen = await host.CentreAsync("4403");
        _nanshan = await host.CentreAsync("440305");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Posts <paramref name="body"/> as Shenzhen; it must be refused naming <paramref name="field"/>, and nothing stored.</summary>
    private async Task RefusedAsync(JsonObject body, HttpStatusCode status, string? field, ReportingCentreClient? centre = null)
    {
        centre ??= _shenzhen;
        await _app.AssertRefusedAsync(() => centre.Http.PostJsonAsync(Url, body), status, field);
        if (body["externalId"]?.GetValueKind() == System.Text.Json.JsonValueKind.String)
            Assert.Empty(await _app.StreamAsync(IncidentLedger.StreamId(centre.Key.Id, body["externalId"]!.GetValue<string>())));
    }

    [Fact]
    public async Task A_valid_report_is_stored_once_and_answered_201_with_its_id_and_location()
    {
        var body = Incident(NewExternalId());

        var response = await _shenzhen.Http.PostJsonAsync(Url, body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = await response.IdOfAsync();
        Assert.Equal(IncidentLedger.StreamId(_shenzhen.Key.Id, body["externalId"]!.GetValue<string>()), id);
        Assert.Equal($"/api/v1/incidents/{id}", response.Headers.Location?.OriginalString);
        var stored = Assert.IsType<IncidentReported>(Assert.Single(await _app.StreamAsync(id)).Data);
        Assert.Equal(body["lossAmount"]!.GetValue<decimal>(), stored.LossAmount);
        Assert.Equal(body["regionCode"]!.GetValue<string>(), stored.County.ToString());
    }

    [Fact]
    public async Task A_report_without_an_API_key_is_refused_401()
    {
        var anonymous = _app.CreateClient();

        await _app.AssertRefusedAsync(() => anonymous.PostJsonAsync(Url, Incident(NewExternalId())), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_report_with_a_key_that_was_never_issued_is_refused_401()
    {
        var stranger = _app.CreateClient();
        stranger.DefaultRequestHeaders.Add(ReportingCentre.HeaderName, "afc_" + new string('x', 43));

        await _app.AssertRefusedAsync(() => stranger.PostJsonAsync(Url, Incident(NewExternalId())), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_report_with_a_revoked_key_is_refused_401_even_right_after_the_key_was_used()
    {
        var centre = await _app.CentreAsync("4403", "撤销测试");
        await centre.Http.CreateAsync(Url, Incident(NewExternalId()));

        Assert.True(await _app.Services.GetRequiredService<ApiKeyStore>().RevokeAsync(centre.Key.Id));

        await RefusedAsync(Incident(NewExternalId()), HttpStatusCode.Unauthorized, null, centre);
    }

    [Theory]
    [InlineData("44030X")]
    [InlineData("4403051")]
    [InlineData("")]
    [InlineData("0944")]
    public async Task A_malformed_region_code_is_refused_400_naming_regionCode(string code)
    {
        var body = Incident(NewExternalId());
        body["regionCode"] = code;

        await RefusedAsync(body, HttpStatusCode.BadRequest, "/regionCode");
    }

    [Fact]
    public async Task A_region_code_given_as_a_number_is_refused_400_naming_regionCode()
    {
        var body = Incident(NewExternalId());
        body["regionCode"] = 440305;

        await RefusedAsync(body, HttpStatusCode.BadRequest, "/regionCode");
    }

    [Fact]
    public async Task A_well_formed_region_code_that_is_not_in_the_catalogue_is_refused_400_naming_regionCode()
    {
        await RefusedAsync(Incident(NewExternalId(), regionCode: "440399"), HttpStatusCode.BadRequest, "/regionCode");
    }

    [Fact]
    public async Task A_city_centre_reporting_for_a_county_of_another_city_is_refused_403()
    {
        var problem = await _app.AssertRefusedAsync(() => _shenzhen.Http.PostJsonAsync(Url, Incident(NewExternalId(), regionCode: "440106")),
            HttpStatusCode.Forbidden);

        Assert.Contains("440106", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_county_centre_reporting_for_a_sibling_county_is_refused_403()
    {
        await RefusedAsync(Incident(NewExternalId(), regionCode: "440304"), HttpStatusCode.Forbidden, null, _nanshan);
    }

    [Fact]
    public async Task A_county_centre_reporting_for_its_own_city_is_refused_403()
    {
        await RefusedAsync(Incident(NewExternalId(), regionCode: "440300"), HttpStatusCode.Forbidden, null, _nanshan);
    }

    [Theory]
    [InlineData("440300")]
    [InlineData("4403")]
    public async Task A_city_code_as_the_incidents_region_is_refused_400_because_an_incident_belongs_to_a_county(string code)
    {
        await RefusedAsync(Incident(NewExternalId(), regionCode: code), HttpStatusCode.BadRequest, "/regionCode");
    }

    [Theory]
    [InlineData("fraudType", "/fraudType", "Romance")]
    [InlineData("fraudType", "/fraudType", "pigButchering")]
    [InlineData("fraudType", "/fraudType", "2")]
    [InlineData("channel", "/channel", "Fax")]
    [InlineData("paymentTool", "/paymentTool", "Cash")]
    [InlineData("victim.ageBand", "/victim/ageBand", "Over90")]
    [InlineData("victim.occupation", "/victim/occupation", "Astronaut")]
    [InlineData("denLocation.country", "/denLocation/country", "Atlantis")]
    public async Task An_unknown_enum_value_is_refused_400_naming_the_field(string path, string pointer, string value)
    {
        var body = Incident(NewExternalId());
        body["denLocation"] = new JsonObject { ["country"] = "Cambodia" };
        Set(body, path, value);

        await RefusedAsync(body, HttpStatusCode.BadRequest, pointer);
    }

    [Fact]
    public async Task An_enum_value_given_as_a_number_is_refused_400()
    {
        var body = Incident(NewExternalId());
        body["channel"] = 1;

        await RefusedAsync(body, HttpStatusCode.BadRequest, "/channel");
    }

    [Theory]
    [InlineData("externalId", "/externalId")]
    [InlineData("regionCode", "/regionCode")]
    [InlineData("occurredAt", "/occurredAt")]
    [InlineData("fraudType", "/fraudType")]
    [InlineData("channel", "/channel")]
    [InlineData("paymentTool", "/paymentTool")]
    [InlineData("lossAmount", "/lossAmount")]
    [InlineData("victim", "/victim")]
    [InlineData("victim.ageBand", "/victim/ageBand")]
    [InlineData("victim.occupation", "/victim/occupation")]
    public async Task A_missing_required_field_is_refused_400_naming_it(string path, string pointer)
    {
        var body = Incident(NewExternalId());
        Remove(body, path);

        await RefusedAsync(body, HttpStatusCode.BadRequest, pointer);
    }

    [Fact]
    public async Task A_required_field_sent_as_null_is_refused_like_a_missing_one()
    {
        var body = Incident(NewExternalId());
        body["lossAmount"] = null;

        await RefusedAsync(body, HttpStatusCode.BadRequest, "/lossAmount");
    }

    [Fact]
    public async Task Every_bad_field_is_named_in_one_answer()
    {
        var body = Incident(NewExternalId());
        body["lossAmount"] = -5;
        body["channel"] = "Fax";
        body.Remove("occurredAt");

        var problem = await _app.AssertRefusedAsync(() => _shenzhen.Http.PostJsonAsync(Url, body), HttpStatusCode.BadRequest);

        Assert.Equal(new[] { "/channel", "/lossAmount", "/occurredAt" }, FieldsOf(problem).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("-0.01")]
    [InlineData("-1000")]
    public async Task A_negative_loss_is_refused_400_naming_lossAmount(string amount)
    {
        await RefusedAsync(Incident(NewExternalId(), lossAmount: decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)),
            HttpStatusCode.BadRequest, "/lossAmount");
    }

    [Fact]
    public async Task A_loss_over_ten_billion_yuan_is_refused_400_as_absurd()
    {
        var tenBillion = 10_000_000_000m;

        await RefusedAsync(Incident(NewExternalId(), lossAmount: tenBillion + 0.01m), HttpStatusCode.BadRequest, "/lossAmount");
        await _shenzhen.Http.CreateAsync(Url, Incident(NewExternalId(), lossAmount: tenBillion));
    }

    [Theory]
    [InlineData("1e40")]
    [InlineData("123456789012345678901234567890123")]
    [InlineData("\"5000\"")]
    public async Task A_loss_that_is_not_a_number_in_range_is_refused_400(string raw)
    {
        var externalId = NewExternalId();
        var json = Incident(externalId).ToJsonString().Replace("12345.67", raw, StringComparison.Ordinal);

        await _app.AssertRefusedAsync(() => _shenzhen.Http.PostRawAsync(Url, json), HttpStatusCode.BadRequest, "/lossAmount");
        Assert.Empty(await _app.StreamAsync(IncidentLedger.StreamId(_shenzhen.Key.Id, externalId)));
    }

    [Fact]
    public async Task A_loss_with_more_than_two_decimals_is_refused_400()
    {
        await RefusedAsync(Incident(NewExternalId(), lossAmount: 100.005m), HttpStatusCode.BadRequest, "/lossAmount");
    }

    [Fact]
    public async Task A_time_more_than_five_minutes_in_the_future_is_refused_400_while_slight_clock_skew_is_accepted()
    {
        await RefusedAsync(Incident(NewExternalId(), occurredAt: Ago(TimeSpan.FromMinutes(-10))), HttpStatusCode.BadRequest, "/occurredAt");
        await _shenzhen.Http.CreateAsync(Url, Incident(NewExternalId(), occurredAt: Ago(TimeSpan.FromMinutes(-2))));
    }

    [Fact]
    public async Task A_time_before_the_year_2000_is_refused_400()
    {
        var body = Incident(NewExternalId());
        body["occurredAt"] = "1999-12-31T23:59:59+08:00";

        await RefusedAsync(body, HttpStatusCode.BadRequest, "/occurredAt");
    }

    [Theory]
    [InlineData("yyyy-MM-dd'T'HH:mm:ss")]
    [InlineData("yyyy-MM-dd'T'HH:mm:ss.fff")]
    [InlineData("yyyy-MM-dd")]
    [InlineData("yyyy-MM-dd HH:mm:ss")]
    [InlineData("dd/MM/yyyy HH:mm:sszzz")]
    public async Task A_time_without_an_offset_or_not_in_ISO_8601_is_refused_400(string format)
    {
        var body = Incident(NewExternalId());
        body["occurredAt"] = Ago(TimeSpan.FromDays(1)).ToString(format, System.Globalization.CultureInfo.InvariantCulture);

        await RefusedAsync(body, HttpStatusCode.BadRequest, "/occurredAt");
    }

    [Fact]
    public async Task An_externalId_over_64_characters_is_refused_400_while_64_are_accepted()
    {
        await RefusedAsync(Incident(new string('a', 65)), HttpStatusCode.BadRequest, "/externalId");
        await _shenzhen.Http.CreateAsync(Url, Incident(Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N")));
    }

    [Fact]
    public async Task An_empty_externalId_is_refused_400()
    {
        await RefusedAsync(Incident(""), HttpStatusCode.BadRequest, "/externalId");
    }

    [Fact]
    public async Task A_summary_over_2000_characters_is_refused_400()
    {
        var body = Incident(NewExternalId());
        body["summary"] = new string('诈', 2_001);

        await RefusedAsync(body, HttpStatusCode.BadRequest, "/summary");
    }

    [Theory]
    [InlineData("externalId", "/externalId", "id\u0001")]
    [InlineData("externalId", "/externalId", "id\nsplit")]
    [InlineData("summary", "/summary", "bell\u0007")]
    [InlineData("summary", "/summary", "escape\u001b[31m")]
    public async Task Control_characters_and_malformed_Unicode_are_refused_400(string field, string pointer, string value)
    {
        var body = Incident(NewExternalId());
        body[field] = value;

        await _app.AssertRefusedAsync(() => _shenzhen.Http.PostJsonAsync(Url, body), HttpStatusCode.BadRequest, pointer);
    }

    [Fact]
    public async Task A_lone_surrogate_escape_in_a_text_is_refused_400_as_malformed_Unicode()
    {
        var externalId = NewExternalId();
        var json = Incident(externalId).ToJsonString().Replace("\"summary\":\"", "\"summary\":\"\\ud800", StringComparison.Ordinal);
        Assert.Contains("\\ud800", json);

        await _app.AssertRefusedAsync(() => _shenzhen.Http.PostRawAsync(Url, json), HttpStatusCode.BadRequest, "/summary");
    }

    [Fact]
    public async Task A_summary_keeps_its_line_breaks_and_tabs()
    {
        var body = Incident(NewExternalId());
        body["summary"] = "第一行\n第二行\r\n\t缩进";

        var id = await _shenzhen.Http.CreateAsync(Url, body);

        var stored = Assert.IsType<IncidentReported>(Assert.Single(await _app.StreamAsync(id)).Data);
        Assert.Equal(body["summary"]!.GetValue<string>(), stored.Summary);
    }

    [Theory]
    [InlineData("", "priority", "/priority")]
    [InlineData("", "LossAmount", "/LossAmount")]
    [InlineData("victim", "name", "/victim/name")]
    [InlineData("denLocation", "city", "/denLocation/city")]
    public async Task An_unknown_field_is_refused_400_naming_it(string parent, string name, string pointer)
    {
        var body = Incident(NewExternalId());
        body["denLocation"] = new JsonObject { ["country"] = "China", ["regionCode"] = "350582" };
        var target = parent.Length == 0 ? body : body[parent]!.AsObject();
        target[name] = "x";

        await RefusedAsync(body, HttpStatusCode.BadRequest, pointer);
    }

    [Fact]
    public async Task A_den_in_China_must_name_a_known_county_and_a_den_abroad_must_not()
    {
        var inChina = Incident(NewExternalId());
        inChina["denLocation"] = new JsonObject { ["country"] = "China" };
        var unknown = Incident(NewExternalId());
        unknown["denLocation"] = new JsonObject { ["country"] = "China", ["regionCode"] = "350599" };
        var abroad = Incident(NewExternalId());
        abroad["denLocation"] = new JsonObject { ["country"] = "Cambodia", ["regionCode"] = "350582" };

        await RefusedAsync(inChina, HttpStatusCode.BadRequest, "/denLocation/regionCode");
        await RefusedAsync(unknown, HttpStatusCode.BadRequest, "/denLocation/regionCode");
        await RefusedAsync(abroad, HttpStatusCode.BadRequest, "/denLocation/regionCode");
    }

    [Theory]
    [InlineData("{\"externalId\": ")]
    [InlineData("{\"externalId\": \"a\",}")]
    [InlineData("not json")]
    [InlineData("")]
    public async Task Malformed_JSON_is_refused_400(string json)
    {
        var problem = await _app.AssertRefusedAsync(() => _shenzhen.Http.PostRawAsync(Url, json), HttpStatusCode.BadRequest, "");

        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"incident\"")]
    [InlineData("42")]
    public async Task A_body_that_is_not_a_JSON_object_is_refused_400(string json)
    {
        await _app.AssertRefusedAsync(() => _shenzhen.Http.PostRawAsync(Url, json), HttpStatusCode.BadRequest, "");
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/xml")]
    public async Task A_body_that_is_not_declared_as_JSON_is_refused_415(string mediaType)
    {
        var json = Incident(NewExternalId()).ToJsonString();

        await _app.AssertRefusedAsync(() => _shenzhen.Http.PostRawAsync(Url, json, mediaType), HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task A_body_over_one_megabyte_is_refused_413()
    {
        var body = Incident(NewExternalId());
        body["padding"] = new string(' ', 1024 * 1024);

        await _app.AssertRefusedAsync(() => _shenzhen.Http.PostJsonAsync(Url, body), HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_body_over_one_megabyte_sent_without_a_length_is_refused_413()
    {
        var body = Incident(NewExternalId());
        body["padding"] = new string(' ', 1024 * 1024);
        var content = new StreamContent(new UnseekableStream(Encoding.UTF8.GetBytes(body.ToJsonString())));
        content.Headers.ContentType = new("application/json");

        await _app.AssertRefusedAsync(() => _shenzhen.Http.PostAsync(Url, content), HttpStatusCode.RequestEntityTooLarge);
    }

    private static void Set(JsonObject body, string path, JsonNode? value)
    {
        var parts = path.Split('.');
        var target = parts.Length == 1 ? body : body[parts[0]]!.AsObject();
        target[parts[^1]] = value;
    }

    private static void Remove(JsonObject body, string path)
    {
        var parts = path.Split('.');
        var target = parts.Length == 1 ? body : body[parts[0]]!.AsObject();
        Assert.True(target.Remove(parts[^1]));
    }

    /// <summary>A body whose length is unknown up front, as a streaming client sends it.</summary>
    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
        public override long Length => throw new NotSupportedException();
    }
}
