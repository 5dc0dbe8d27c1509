using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AntiFraud.Dashboard.Tests.Harness;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit.Abstractions;
using static AntiFraud.Dashboard.Tests.Harness.Ingestion;

namespace AntiFraud.Dashboard.Tests.Reliability;

/// <summary>
/// Hostile input against every API endpoint and the hub: a corpus of requests that must each be refused with a 4xx problem+json
/// and write nothing, plus a seeded generator of random damage to valid reports that must never get a 5xx.
/// </summary>
public sealed class HostileInputTests(HostileInputTests.Host host, ITestOutputHelper output) : IClassFixture<HostileInputTests.Host>
{
    public sealed class Host : IAsyncLifetime
    {
        public AppHost App { get; private set; } = null!;
        public ReportingCentreClient Centre { get; private set; } = null!;
        public Guid IncidentId { get; private set; }
        public Guid WarningId { get; private set; }

        public async Task InitializeAsync()
        {
            // The per-key rate limit is not under test here: thousands of requests go out in a few seconds.
            App = await AppHost.StartAsync(settings: new Dictionary<string, string?> { ["Api:RequestsPerSecondPerKey"] = "1000000" });
            Centre = await App.CentreAsync("440000");
            IncidentId = await Centre.Http.CreateAsync("/api/v1/incidents", Incident(NewExternalId()));
            WarningId = await Centre.Http.CreateAsync("/api/v1/warnings", Warning(NewExternalId()));
        }

        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    private sealed record Endpoint(string Name, string Path, Func<JsonNode> ValidBody);

    private IReadOnlyList<Endpoint> Endpoints =>
    [
        new("incident", "/api/v1/incidents", () => Incident(NewExternalId())),
        new("batch", "/api/v1/incidents/batch", () => new JsonArray(Incident(NewExternalId()), Incident(NewExternalId()))),
        new("lifecycle", $"/api/v1/incidents/{host.IncidentId}/events",
            () => LifecycleEvent(NewExternalId(), "StopPaymentRequested", Ago(TimeSpan.FromMinutes(30)), ("amount", 1_000m))),
        new("warning", "/api/v1/warnings", () => Warning(NewExternalId())),
        new("outcome", $"/api/v1/warnings/{host.WarningId}/outcomes", () => Outcome(NewExternalId(), "Dissuaded", Ago(TimeSpan.FromMinutes(30)))),
        new("activity", "/api/v1/activity", () => Counters(NewExternalId(), "440305", ChinaDaysAgo(1), 3)),
    ];

    private sealed record Case(string Name, HttpMethod Method, string Path, Func<HttpContent?> Content, bool WithKey = true);

    private static HttpContent Json(string text) => new StringContent(text, Encoding.UTF8, "application/json");

    private static readonly string[] Malformed =
    [
        "", " ", "{", "}", "[", "]", "{\"externalId\":", "nul", "{'externalId':'x'}", "{\"externalId\":\"x\",}", "{\"a\":1}{\"b\":2}",
        "\u0000", "\uFEFF{\"x\":", "{\"externalId\":\"unterminated}", "{\"lossAmount\":12.}", "{\"lossAmount\":0x10}", "<xml/>",
        "{\"externalId\" \"x\"}", "{\"summary\":\"\\q\"}", "{\"a\":\"\\ud800\"}x",
    ];

    private static readonly string[] NotAnObject = ["null", "true", "0", "-1.5", "\"text\"", "[]", "[null]", "[1,2]", "{}"];

    /// <summary>Values of the wrong JSON type for any field of these reports (strings where numbers or objects are expected and the reverse).</summary>
    private static readonly JsonNode?[] WrongTypes = [JsonValue.Create(true), new JsonArray(1, 2), JsonValue.Create(12345), new JsonObject { ["x"] = 1 }];

    private static readonly string[] BadNumbers =
        ["1e309", "-1", "1e400", "1e29", "10000000001", "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "-0.0000001", "123456789012345678901234567890"];

    /// <summary>Raw JSON string literals (escapes as a client would send them, lone surrogates included).</summary>
    private static readonly string[] BadTexts =
    [
        "\"\"", "\"\\u0000\"", "\"a\\u0007b\"", "\"\\u001b[31mred\"", "\"\\ud800\"", "\"\\udfff\\ud800\"", "\"x\\ud83dy\"",
        $"\"{new string('x', 70)}\"", $"\"{new string('长', 5_000)}\"",
    ];

    private IEnumerable<Case> Corpus()
    {
        foreach (var endpoint in Endpoints)
        {
            var valid = endpoint.ValidBody().ToJsonString();
            foreach (var text in Malformed.Concat(NotAnObject.Where(t => endpoint.Name != "batch" || t is not "[]")))
                yield return new($"{endpoint.Name}: body {Show(text)}", HttpMethod.Post, endpoint.Path, () => Json(text));
            foreach (var cut in new[] { 1, 7, valid.Length / 3, valid.Length / 2, valid.Length - 2, valid.Length - 1 })
                yield return new($"{endpoint.Name}: truncated at {cut}", HttpMethod.Post, endpoint.Path, () => Json(valid[..cut]));
            yield return new($"{endpoint.Name}: nested 100,000 deep", HttpMethod.Post, endpoint.Path,
                () => Json(new string('[', 100_000) + new string(']', 100_000)));
            yield return new($"{endpoint.Name}: field nested 500 deep", HttpMethod.Post, endpoint.Path,
                () => Json(valid[..^1] + ",\"extra\":" + new string('[', 500) + new string(']', 500) + "}"));

            foreach (var (field, value) in TopFields(endpoint))
                foreach (var wrong in WrongTypes.Where(w => w!.GetValueKind() != value?.GetValueKind()))
                    yield return new($"{endpoint.Name}: {field} = {wrong?.ToJsonString()}", HttpMethod.Post, endpoint.Path,
                        () => Json(Replace(endpoint, field, wrong?.DeepClone())));
            foreach (var (field, node) in TopFields(endpoint).Where(f => f.Value is JsonValue v && v.GetValueKind() == JsonValueKind.String))
                foreach (var text in BadTexts.Where(t => field != "summary" || t.Length > 4_000 || t.Contains('\\')))
                    yield return new($"{endpoint.Name}: {field} = {Show(text)}", HttpMethod.Post, endpoint.Path,
                        () => Json(ReplaceRaw(endpoint, field, text)));
            foreach (var field in NumberFields(endpoint))
                foreach (var number in BadNumbers)
                    yield return new($"{endpoint.Name}: {field} = {number}", HttpMethod.Post, endpoint.Path,
                        () => Json(ReplaceRaw(endpoint, field, number)));

            foreach (var type in new[] { "text/plain", "application/xml", "application/x-www-form-urlencoded", "text/html", "application/octet-stream" })
                yield return new($"{endpoint.Name}: as {type}", HttpMethod.Post, endpoint.Path,
                    () => new StringContent(endpoint.ValidBody().ToJsonString(), Encoding.UTF8, type));
            yield return new($"{endpoint.Name}: no content type", HttpMethod.Post, endpoint.Path,
                () => new ByteArrayContent(Encoding.UTF8.GetBytes(endpoint.ValidBody().ToJsonString())));
            yield return new($"{endpoint.Name}: multipart", HttpMethod.Post, endpoint.Path,
                () => new MultipartFormDataContent { { new StringContent(endpoint.ValidBody().ToJsonString()), "report" } });
            yield return new($"{endpoint.Name}: 1.2 MB body", HttpMethod.Post, endpoint.Path,
                () => Json(valid[..^1] + ",\"padding\":\"" + new string('x', 1_200_000) + "\"}"));
            yield return new($"{endpoint.Name}: latin-1 body", HttpMethod.Post, endpoint.Path,
                () => new ByteArrayContent([0x7B, 0x22, 0xE9, 0xFF, 0xFE, 0x22, 0x3A, 0x31, 0x7D]) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } });
            yield return new($"{endpoint.Name}: without a key", HttpMethod.Post, endpoint.Path, () => Json(endpoint.ValidBody().ToJsonString()), WithKey: false);
            foreach (var method in new[] { HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch })
                yield return new($"{endpoint.Name}: {method}", method, endpoint.Path, () => Json(valid));
        }

        var day = Iso(ChinaDaysAgo(1));
        foreach (var path in new[]
        {
            "/api/v1/nothing-here", "/api/v2/incidents", "/api/v1/incidents/not-a-guid", $"/api/v1/incidents/{Guid.NewGuid()}",
            $"/api/v1/warnings/{Guid.NewGuid()}", $"/api/v1/incidents/{Guid.NewGuid()}/events/x", "/api/v1/regions/abc/stats",
            $"/api/v1/regions/999999/stats?from={day}&to={day}", $"/api/v1/regions/440000/stats?from=yesterday&to={day}",
            $"/api/v1/regions/440000/stats?from={day}&to=2020-13-45", "/api/v1/regions/440000/stats",
            $"/api/v1/regions/110000/stats?from={day}&to={day}", "/api/v1/regions/%3Cscript%3E/stats?from=1&to=2",
            $"/api/v1/regions/440000'%20OR%201=1--/stats?from={day}&to={day}", "/api/v1/regions/" + new string('4', 5_000),
            $"/api/v1/regions/440000/stats?from={day}&to={Iso(ChinaDaysAgo(5))}", "/api/v1/regions/440000/stats?from=0001-01-01&to=9999-12-31",
        })
            yield return new($"GET {Show(path)}", HttpMethod.Get, path, () => null);
        yield return new($"GET incident without a key", HttpMethod.Get, $"/api/v1/incidents/{host.IncidentId}", () => null, WithKey: false);
        yield return new("POST outcome to an unknown warning", HttpMethod.Post, $"/api/v1/warnings/{Guid.NewGuid()}/outcomes",
            () => Json(Outcome(NewExternalId(), "Dissuaded", Ago(TimeSpan.FromMinutes(5))).ToJsonString()));
        yield return new("POST event to an unknown incident", HttpMethod.Post, $"/api/v1/incidents/{Guid.NewGuid()}/events",
            () => Json(LifecycleEvent(NewExternalId(), "CaseFiled", Ago(TimeSpan.FromMinutes(5))).ToJsonString()));
        yield return new("batch of 1,001", HttpMethod.Post, "/api/v1/incidents/batch",
            () => Json(new JsonArray(Enumerable.Range(0, 1_001).Select(_ => (JsonNode)Incident(NewExternalId())).ToArray()).ToJsonString()));
        yield return new("batch with one bad item among good ones", HttpMethod.Post, "/api/v1/incidents/batch",
            () => Json(new JsonArray(Incident(NewExternalId()), Incident(NewExternalId(), lossAmount: -5), Incident(NewExternalId())).ToJsonString()));
    }

    private IEnumerable<(string Field, JsonNode? Value)> TopFields(Endpoint endpoint)
    {
        var body = endpoint.ValidBody();
        var item = body is JsonArray array ? array[0]!.AsObject() : body.AsObject();
        return item.Select(p => (p.Key, p.Value)).ToList();
    }

    private static IEnumerable<string> NumberFields(Endpoint endpoint) => endpoint.Name switch
    {
        "incident" or "batch" => ["lossAmount"],
        "lifecycle" => ["amount"],
        "activity" => ["counts/callsIntercepted", "counts/densFound"],
        _ => [],
    };

    private static string Replace(Endpoint endpoint, string field, JsonNode? value)
    {
        var body = endpoint.ValidBody();
        var item = body is JsonArray array ? array[0]!.AsObject() : body.AsObject();
        item[field] = value;
        return body.ToJsonString();
    }

    /// <summary>Puts raw JSON text (numbers no .NET type holds) in place of a field, through a placeholder.</summary>
    private static string ReplaceRaw(Endpoint endpoint, string path, string raw)
    {
        var body = endpoint.ValidBody();
        var item = body is JsonArray array ? array[0]!.AsObject() : body.AsObject();
        var parts = path.Split('/');
        var target = parts.Length == 2 ? item[parts[0]]!.AsObject() : item;
        target[parts[^1]] = "@@RAW@@";
        return body.ToJsonString().Replace("\"@@RAW@@\"", raw);
    }

    private static string Show(string text)
    {
        var shown = JsonSerializer.Serialize(text.Length > 40 ? text[..40] + "…" : text);
        return text.Length > 40 ? $"{shown} ({text.Length:N0} chars)" : shown;
    }

    private async Task<HttpResponseMessage> SendAsync(Case c)
    {
        var request = new HttpRequestMessage(c.Method, c.Path) { Content = c.Content() };
        if (c.WithKey) request.Headers.Add("X-Api-Key", host.Centre.Secret);
        using var http = host.App.CreateClient(new() { AllowAutoRedirect = false });
        return await http.SendAsync(request);
    }

    private static async Task<string?> ProblemFaultAsync(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        if (status is < 400 or > 499) return $"answered {status}";
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            return $"answered {status} as {response.Content.Headers.ContentType?.MediaType ?? "no content type"}";
        var text = await response.Content.ReadAsStringAsync();
        try
        {
            using var problem = JsonDocument.Parse(text);
            if (!problem.RootElement.TryGetProperty("status", out var s) || s.GetInt32() != status) return $"answered {status} with a problem whose status is not {status}";
            if (!problem.RootElement.TryGetProperty("title", out _)) return $"answered {status} with a problem without a title";
            if (text.Contains("   at ", StringComparison.Ordinal) || text.Contains("Exception", StringComparison.Ordinal)) return $"answered {status} with internals: {text[..Math.Min(300, text.Length)]}";
        }
        catch (JsonException)
        {
            return $"answered {status} with a body that is not JSON";
        }
        return null;
    }

    [Fact]
    public async Task Every_request_of_the_corpus_is_refused_with_problem_json_and_nothing_is_written()
    {
        var corpus = Corpus().ToList();
        Assert.True(corpus.Count >= 300, $"The corpus has {corpus.Count} requests.");
        var before = await host.App.EventCountAsync();

        var faults = new List<string>();
        var byStatus = new SortedDictionary<int, int>();
        foreach (var c in corpus)
        {
            using var response = await SendAsync(c);
            byStatus[(int)response.StatusCode] = byStatus.GetValueOrDefault((int)response.StatusCode) + 1;
            if (await ProblemFaultAsync(response) is { } fault) faults.Add($"{c.Name}: {fault}");
        }

        output.WriteLine($"{corpus.Count} requests: " + string.Join(", ", byStatus.Select(p => $"{p.Value} × {p.Key}")));
        Assert.True(faults.Count == 0, $"{faults.Count} of {corpus.Count} requests were not refused properly:\n" + string.Join("\n", faults.Take(40)));
        Assert.Equal(before, await host.App.EventCountAsync());
        using var health = await host.App.CreateClient().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Random_damage_to_valid_reports_never_gets_a_5xx_and_only_accepted_reports_are_written()
    {
        const int Cases = 600;
        var random = new Random(20261126);
        string[] tokens =
        [
            "{", "}", "[", "]", ",", ":", "\"", "\\", "null", "true", "-", "1e999", "NaN", "\\u0000", "\\ud800", "<script>", "' OR 1=1 --",
            "\u202e", "😀", "\u0000", "\t", "\n", "9999999999999999999999", "{\"$type\":\"System.IO.FileInfo\"}", "%00", "../../",
        ];
        var endpoints = Endpoints;
        var before = await host.App.EventCountAsync();
        var faults = new List<string>();
        var accepted = 0;
        var byStatus = new SortedDictionary<int, int>();
        for (var i = 0; i < Cases; i++)
        {
            var endpoint = endpoints[random.Next(endpoints.Count)];
            var text = endpoint.ValidBody().ToJsonString();
            var damage = new List<string>();
            for (var m = random.Next(1, 4); m > 0; m--)
            {
                var at = random.Next(text.Length + 1);
                switch (random.Next(4))
                {
                    case 0:
                        var length = Math.Min(random.Next(1, 12), text.Length - Math.Min(at, text.Length));
                        text = text.Remove(Math.Min(at, text.Length), length);
                        damage.Add($"cut {length} at {at}");
                        break;
                    case 1:
                        var token = tokens[random.Next(tokens.Length)];
                        text = text.Insert(at, token);
                        damage.Add($"insert {Show(token)} at {at}");
                        break;
                    case 2:
                        var cut = Math.Max(1, at);
                        text = text[..Math.Min(cut, text.Length)];
                        damage.Add($"truncate at {cut}");
                        break;
                    default:
                        var (field, _) = TopFields(endpoint).ElementAt(random.Next(TopFields(endpoint).Count()));
                        var value = tokens[random.Next(tokens.Length)];
                        text = Replace(endpoint, field, JsonValue.Create(value));
                        damage.Add($"{field} = {Show(value)}");
                        break;
                }
            }
            using var response = await SendAsync(new Case(endpoint.Name, HttpMethod.Post, endpoint.Path, () => Json(text)));
            var status = (int)response.StatusCode;
            byStatus[status] = byStatus.GetValueOrDefault(status) + 1;
            // 201 stored; 200 a batch stored or a report stored before: damage that left a valid report.
            if (status is 200 or 201) accepted++;
            else if (status is >= 400 and <= 499 && await ProblemFaultAsync(response) is { } fault)
                faults.Add($"case {i} ({endpoint.Name}; {string.Join("; ", damage)}): {fault}");
            else if (status is not (>= 400 and <= 499))
                faults.Add($"case {i} ({endpoint.Name}; {string.Join("; ", damage)}): answered {status}");
        }

        output.WriteLine($"{Cases} damaged reports: " + string.Join(", ", byStatus.Select(p => $"{p.Value} × {p.Key}")));
        Assert.True(faults.Count == 0, $"{faults.Count} of {Cases} damaged reports were not answered properly:\n" + string.Join("\n", faults.Take(40)));
        // What was accepted was a valid report after all (an inserted emoji in a summary, say): one event each, nothing else.
        var written = await host.App.EventCountAsync() - before;
        Assert.True(written <= accepted * 2, $"{written} events written for {accepted} accepted reports.");
        Assert.True(accepted < Cases / 4, $"{accepted} of {Cases} damaged reports were accepted: the damage is too gentle to test anything.");
    }

    [Fact]
    public async Task Hostile_arguments_on_the_hub_are_refused_and_the_connection_keeps_working()
    {
        await using var hub = await HubClient.ConnectAsync(host.App, "440000");
        string?[] hostile =
        [
            null, "", " ", "abc", "99999", "9999999", "999999", "44000O", "<script>alert(1)</script>", "440000' OR 1=1 --",
            "440000\u0000", "\ud800", new string('4', 10_000), "110000", "000000", "-440000", "440000.0", "４４００００",
        ];
        foreach (var argument in hostile)
        {
            var refusal = await Assert.ThrowsAsync<HubException>(() => hub.Connection.InvokeAsync<string>("Watch", argument));
            Assert.DoesNotContain("   at ", refusal.Message);
        }
        await Assert.ThrowsAnyAsync<Exception>(() => hub.Connection.InvokeAsync<string>("NoSuchMethod", "440000"));
        await Assert.ThrowsAnyAsync<Exception>(() => hub.Connection.InvokeAsync<string>("Watch", 440000, 1, true));

        Assert.Equal(HubConnectionState.Connected, hub.Connection.State);
        Assert.Equal("440305", await hub.Connection.InvokeAsync<string>("Watch", "440305"));

        // A message over the hub's size limit ends that connection only; the next client is served as usual.
        await using var greedy = await HubClient.ConnectAsync(host.App, "440000");
        await Assert.ThrowsAnyAsync<Exception>(() => greedy.Connection.InvokeAsync<string>("Watch", new string('4', 200_000)));
        await using var next = await HubClient.ConnectAsync(host.App, "440000");
        Assert.Equal("440000", await next.Connection.InvokeAsync<string>("Watch", "440000"));
        Assert.Equal(HubConnectionState.Connected, hub.Connection.State);
    }
}
