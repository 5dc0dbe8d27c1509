using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AntiFraud.Dashboard.Api;
using AntiFraud.Domain.Common;
using AntiFraud.Domain.Regions;
using JasperFx.Events;
using Marten;
using Marten.Events;

namespace AntiFraud.Dashboard.Tests.Harness;

/// <summary>A reporting centre's API key and an HTTP client that sends it.</summary>
public sealed record ReportingCentreClient(ApiKey Key, string Secret, HttpClient Http);

/// <summary>What the ingestion API tests share: keys, bodies, problem checks, event counts and waiting for the roll-ups.</summary>
public static class Ingestion
{
    /// <summary>A live key for <paramref name="centre"/> (2, 4 or 6 digits) and a client sending it in X-Api-Key.</summary>
    public static async Task<ReportingCentreClient> CentreAsync(this AppHost app, string centre, string name = "test centre")
    {
        var (key, secret) = await app.Services.GetRequiredService<ApiKeyStore>().CreateAsync(RegionCode.Parse(centre), name);
        var http = app.CreateClient();
        http.DefaultRequestHeaders.Add(ReportingCentre.HeaderName, secret);
        return new ReportingCentreClient(key, secret, http);
    }

    /// <summary>A new external id, unique within the run.</summary>
    public static string NewExternalId(string prefix = "x") => $"{prefix}-{Guid.NewGuid():N}";

    /// <summary>Now minus <paramref name="ago"/>, in China time.</summary>
    public static DateTimeOffset Ago(TimeSpan ago) => (DateTimeOffset.UtcNow - ago).ToChina();

    /// <summary>
    /// Now minus <paramref name="ago"/>, but not before today began in China: reports that a test expects in today's figures stay
    /// in today's figures when the suite runs shortly after midnight China time (16:00 UTC).
    /// </summary>
    public static DateTimeOffset EarlierToday(TimeSpan ago)
    {
        var now = DateTimeOffset.UtcNow;
        var today = ChinaTime.StartOf(ChinaTime.DayOf(now));
        var moment = now - ago;
        return (moment < today ? today : moment).ToChina();
    }

    /// <summary>A China day that is <paramref name="daysAgo"/> days before today in China.</summary>
    public static DateOnly ChinaDaysAgo(int daysAgo) => ChinaTime.DayOf(DateTimeOffset.UtcNow).AddDays(-daysAgo);

    /// <summary>A moment of a China day, in China time.</summary>
    public static DateTimeOffset At(DateOnly day, int hour, int minute = 0, int second = 0) =>
        ChinaTime.StartOf(day).AddHours(hour).AddMinutes(minute).AddSeconds(second);

    /// <summary>ISO-8601 with the +08:00 offset, as lower-tier systems send times.</summary>
    public static string Iso(DateTimeOffset moment) =>
        moment.ToChina().ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A valid incident report; tests change or remove one field to see it refused.</summary>
    public static JsonObject Incident(string externalId, string regionCode = "440305", DateTimeOffset? occurredAt = null,
        decimal lossAmount = 12_345.67m, string fraudType = "PigButchering") => new()
    {
        ["externalId"] = externalId,
        ["regionCode"] = regionCode,
        ["occurredAt"] = Iso(occurredAt ?? Ago(TimeSpan.FromHours(2))),
        ["fraudType"] = fraudType,
        ["channel"] = "App",
        ["paymentTool"] = "BankTransfer",
        ["lossAmount"] = lossAmount,
        ["victim"] = new JsonObject { ["ageBand"] = "From30To44", ["occupation"] = "Employee" },
        ["summary"] = "受害人通过交友软件结识对方，被诱导在虚假投资平台充值。",
    };

    /// <summary>A valid warning instruction.</summary>
    public static JsonObject Warning(string externalId, string regionCode = "440305", DateTimeOffset? issuedAt = null) => new()
    {
        ["externalId"] = externalId,
        ["regionCode"] = regionCode,
        ["source"] = "FundFlowMonitoring",
        ["level"] = "High",
        ["category"] = "FakeInvestment",
        ["issuedAt"] = Iso(issuedAt ?? Ago(TimeSpan.FromHours(2))),
    };

    public static JsonObject Outcome(string externalId, string outcome, DateTimeOffset at) => new()
    {
        ["externalId"] = externalId,
        ["outcome"] = outcome,
        ["at"] = Iso(at),
    };

    /// <summary>A valid activity report; every counter is set so the sums can be checked field by field.</summary>
    public static JsonObject Counters(string externalId, string regionCode, DateOnly day, long seed) => new()
    {
        ["externalId"] = externalId,
        ["regionCode"] = regionCode,
        ["day"] = Iso(day),
        ["counts"] = new JsonObject
        {
            ["callsIntercepted"] = seed * 100 + 1,
            ["smsIntercepted"] = seed * 100 + 2,
            ["appsBlocked"] = seed * 10 + 3,
            ["urlsBlocked"] = seed * 10 + 4,
            ["publicityActivities"] = seed + 5,
            ["twoCardsCases"] = seed + 6,
            ["densFound"] = seed + 7,
            ["gangsBusted"] = seed + 8,
            ["suspectsCaught"] = seed + 9,
        },
    };

    public static JsonObject LifecycleEvent(string externalId, string type, DateTimeOffset at, params (string Name, JsonNode? Value)[] fields)
    {
        var body = new JsonObject { ["externalId"] = externalId, ["type"] = type, ["at"] = Iso(at) };
        foreach (var (name, value) in fields) body[name] = value;
        return body;
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient http, string url, JsonNode body) =>
        http.PostRawAsync(url, body.ToJsonString());

    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient http, string url, string body, string mediaType = "application/json") =>
        http.PostAsync(url, new StringContent(body, Encoding.UTF8, mediaType));

    /// <summary>Sends the same body <paramref name="times"/> times at once, as a client retrying in a hurry or several of its workers would.</summary>
    public static async Task<HttpResponseMessage[]> PostAtOnceAsync(this HttpClient http, string url, JsonNode body, int times = 20)
    {
        var json = body.ToJsonString();
        return await Task.WhenAll(Enumerable.Range(0, times).Select(_ => Task.Run(() => http.PostRawAsync(url, json))));
    }

    /// <summary>
    /// Asserts that answers to the same report sent many times are one 201 and otherwise 200, all carrying one id; returns it.
    /// </summary>
    public static async Task<Guid> AssertStoredOnceAsync(IReadOnlyList<HttpResponseMessage> responses)
    {
        var statuses = responses.Select(r => r.StatusCode).ToList();
        if (responses.FirstOrDefault(r => r.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.OK)) is { } bad)
            Assert.Fail($"Answers {string.Join(", ", statuses.Select(s => (int)s))}; one said: {Shorten(await bad.Content.ReadAsStringAsync())}");
        Assert.Single(statuses, HttpStatusCode.Created);
        var ids = new HashSet<Guid>();
        foreach (var response in responses) ids.Add(await response.IdOfAsync());
        return Assert.Single(ids);
    }

    /// <summary>The id a 201 or 200 answer carries.</summary>
    public static async Task<Guid> IdOfAsync(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

    /// <summary>Posts and expects the report to be stored now (201); returns its id.</summary>
    public static async Task<Guid> CreateAsync(this HttpClient http, string url, JsonNode body)
    {
        var response = await http.PostJsonAsync(url, body);
        Assert.True(response.StatusCode == HttpStatusCode.Created,
            $"POST {url} answered {(int)response.StatusCode}: {Shorten(await response.Content.ReadAsStringAsync())}");
        return await response.IdOfAsync();
    }

    /// <summary>
    /// Asserts an RFC 7807 answer with <paramref name="status"/>; when <paramref name="field"/> is given, that
    /// <c>errors[].field</c> names it. Returns the problem document.
    /// </summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string? field = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {Shorten(text)}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        if (field is not null)
            Assert.Contains(field, FieldsOf(problem));
        return problem;
    }

    /// <summary>The JSON pointers a problem's <c>errors</c> name.</summary>
    public static IReadOnlyList<string> FieldsOf(JsonElement problem) =>
        problem.TryGetProperty("errors", out var errors)
            ? errors.EnumerateArray().Select(e => e.GetProperty("field").GetString()!).ToList()
            : [];

    /// <summary>
    /// Sends a request that must be refused with <paramref name="status"/> (naming <paramref name="field"/> when given) and
    /// checks that no event was stored meanwhile. Returns the problem document.
    /// </summary>
    public static async Task<JsonElement> AssertRefusedAsync(this AppHost app, Func<Task<HttpResponseMessage>> send,
        HttpStatusCode status, string? field = null)
    {
        var before = await app.EventCountAsync();
        var problem = await (await send()).AssertProblemAsync(status, field);
        Assert.Equal(before, await app.EventCountAsync());
        return problem;
    }

    /// <summary>Every event stored in the host's schema.</summary>
    public static async Task<long> EventCountAsync(this AppHost app)
    {
        await using var session = app.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await session.Events.QueryAllRawEvents().LongCountAsync();
    }

    /// <summary>The events of one stream (empty when it does not exist).</summary>
    public static async Task<IReadOnlyList<IEvent>> StreamAsync(this AppHost app, Guid id)
    {
        await using var session = app.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await session.Events.FetchStreamAsync(id);
    }

    /// <summary>Waits until the asynchronous roll-ups have caught up with every event stored so far.</summary>
    public static Task WaitForRollUpsAsync(this AppHost app) =>
        app.Services.GetRequiredService<IDocumentStore>().WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));

    /// <summary>GET /api/v1/incidents/{id} as JSON, expecting 200.</summary>
    public static async Task<JsonObject> GetIncidentAsync(this HttpClient http, Guid id)
    {
        var response = await http.GetAsync($"/api/v1/incidents/{id}");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET incident answered {(int)response.StatusCode}: {Shorten(text)}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>A region subtree's totals over China days, read through the API.</summary>
    public static async Task<JsonElement> StatsAsync(this HttpClient http, string region, DateOnly from, DateOnly to)
    {
        var response = await http.GetAsync($"/api/v1/regions/{region}/stats?from={Iso(from)}&to={Iso(to)}");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Stats of {region} answered {(int)response.StatusCode}: {Shorten(text)}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static Task<JsonElement> StatsAsync(this HttpClient http, string region, DateOnly day) => http.StatsAsync(region, day, day);

    private static string Shorten(string text) => text.Length <= 600 ? text : text[..600] + "…";
}
