using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using AntiFraud.Dashboard.Tests.Harness;
using AntiFraud.Domain.Incidents;
using static AntiFraud.Dashboard.Tests.Harness.Ingestion;

namespace AntiFraud.Dashboard.Tests.Incidents;

/// <summary><c>POST /api/v1/incidents/batch</c>: up to 1,000 incidents, all stored or none, errors named per item index.</summary>
public sealed class IncidentBatchTests(ApiHostFixture host) : IClassFixture<ApiHostFixture>, IAsyncLifetime
{
    private const string Url = "/api/v1/incidents/batch";
    private readonly AppHost _app = host.App;
    private ReportingCentreClient _shenzhen = null!;

    public async Task InitializeAsync()
    {
        _shenzhen = await host.CentreAsync("4403");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static JsonArray Batch(int count, Func<int, JsonObject>? item = null) =>
        new(Enumerable.Range(0, count).Select(i => (JsonNode)(item?.Invoke(i) ?? Incident(NewExternalId(), lossAmount: 1_000m + i))).ToArray());

    private static IEnumerable<string> ExternalIds(JsonArray batch) =>
        batch.Select(item => item!["externalId"]!.GetValue<string>());

    private async Task AssertNoneStoredAsync(JsonArray batch)
    {
        foreach (var externalId in ExternalIds(batch))
            Assert.Empty(await _app.StreamAsync(IncidentLedger.StreamId(_shenzhen.Key.Id, externalId)));
    }

    private static async Task<JsonElement> OkAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Batch answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    [Fact]
    public async Task A_valid_batch_is_stored_whole_and_answers_the_id_of_each_item_in_order()
    {
        var batch = Batch(5);

        var answer = await OkAsync(await _shenzhen.Http.PostJsonAsync(Url, batch));

        Assert.Equal(batch.Count, answer.GetProperty("created").GetInt32());
        Assert.Equal(0, answer.GetProperty("alreadyStored").GetInt32());
        var expected = ExternalIds(batch).Select(x => IncidentLedger.StreamId(_shenzhen.Key.Id, x)).ToList();
        Assert.Equal(expected, answer.GetProperty("ids").EnumerateArray().Select(e => e.GetGuid()).ToList());
        for (var i = 0; i < batch.Count; i++)
        {
            var stored = Assert.IsType<IncidentReported>(Assert.Single(await _app.StreamAsync(expected[i])).Data);
            Assert.Equal(batch[i]!["lossAmount"]!.GetValue<decimal>(), stored.LossAmount);
        }
    }

    [Theory]
    [InlineData(2, "lossAmount", -1, "/2/lossAmount")]
    [InlineData(0, "channel", "Fax", "/0/channel")]
    [InlineData(4, "occurredAt", "2026-01-01T08:00:00", "/4/occurredAt")]
    [InlineData(3, "regionCode", "440300", "/3/regionCode")]
    [InlineData(1, "regionCode", "440399", "/1/regionCode")]
    public async Task One_bad_item_among_valid_ones_refuses_the_whole_batch_400_naming_its_index_and_field(int index, string field, object value, string pointer)
    {
        var batch = Batch(5);
        batch[index]![field] = JsonValue.Create(value);

        await _app.AssertRefusedAsync(() => _shenzhen.Http.PostJsonAsync(Url, batch), HttpStatusCode.BadRequest, pointer);

        await AssertNoneStoredAsync(batch);
    }

    [Fact]
    public async Task One_item_in_the_future_refuses_the_whole_batch_naming_its_index()
    {
        var batch = Batch(3);
        batch[1]!["occurredAt"] = Iso(Ago(TimeSpan.FromMinutes(-30)));

        await _app.AssertRefusedAsync(() => _shenzhen.Http.PostJsonAsync(Url, batch), HttpStatusCode.BadRequest, "/1/occurredAt");

        await AssertNoneStoredAsync(batch);
    }

    [Fact]
    public async Task Every_bad_item_is_named_in_one_answer()
    {
        var batch = Batch(4);
        batch[1]!["lossAmount"] = -1;
        batch[3]!.AsObject().Remove("victim");

        var problem = await _app.AssertRefusedAsync(() => _shenzhen.Http.PostJsonAsync(Url, batch), HttpStatusCode.BadRequest);

        Assert.Equal(new[] { "/1/lossAmount", "/3/victim" }, FieldsOf(problem).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_item_that_is_not_an_object_refuses_the_batch_400_naming_its_index()
    {
        var batch = Batch(3);
        batch[2] = 42;

        await _app.AssertRefusedAsync(() => _shenzhen.Http.PostJsonAsync(Url, batch), HttpStatusCode.BadRequest, "/2");
    }

    [Fact]
    public async Task One_item_outside_the_centres_jurisdiction_refuses_the_whole_batch_403()
    {
        var batch = Batch(4);
        batch[2]!["regionCode"] = "440106";

        var problem = await _app.AssertRefusedAsync(() => _shenzhen.Http.PostJsonAsync(Url, batch), HttpStatusCode.Forbidden);

        Assert.Contains("/2/regionCode", problem.GetProperty("detail").GetString());
        await AssertNoneStoredAsync(batch);
    }

    [Fact]
    public async Task A_batch_sent_again_is_answered_200_with_every_item_already_stored_and_nothing_written()
    {
        var batch = Batch(6);
        var first = await OkAsync(await _shenzhen.Http.PostJsonAsync(Url, batch));
        var before = await _app.EventCountAsync();

        var again = await OkAsync(await _shenzhen.Http.PostJsonAsync(Url, batch));

        Assert.Equal(0, again.GetProperty("created").GetInt32());
        Assert.Equal(batch.Count, again.GetProperty("alreadyStored").GetInt32());
        Assert.Equal(first.GetProperty("ids").ToString(), again.GetProperty("ids").ToString());
        Assert.Equal(before, await _app.EventCountAsync());
    }

    [Fact]
    public async Task A_batch_overlapping_an_earlier_one_stores_only_the_new_items()
    {
        var earlier = Batch(3);
        await OkAsync(await _shenzhen.Http.PostJsonAsync(Url, earlier));
        var fresh = Batch(2);
        var overlapping = new JsonArray(earlier.Concat(fresh).Select(i => i!.DeepClone()).ToArray());
        var before = await _app.EventCountAsync();

        var answer = await OkAsync(await _shenzhen.Http.PostJsonAsync(Url, overlapping));

        Assert.Equal(fresh.Count, answer.GetProperty("created").GetInt32());
        Assert.Equal(earlier.Count, answer.GetProperty("alreadyStored").GetInt32());
        Assert.Equal(before + fresh.Count, await _app.EventCountAsync());
    }

    [Fact]
    public async Task An_item_that_changes_a_stored_report_refuses_the_whole_batch_409_and_stores_none_of_it()
    {
        var stored = Incident(NewExternalId(), lossAmount: 500m);
        await _shenzhen.Http.CreateAsync("/api/v1/incidents", stored);
        var changed = stored.DeepClone().AsObject();
        changed["lossAmount"] = 5_000m;
        var batch = Batch(3);
        batch.Insert(1, changed);

        await _app.AssertRefusedAsync(() => _shenzhen.Http.PostJsonAsync(Url, batch), HttpStatusCode.Conflict, "/1/externalId");

        var fresh = new JsonArray(batch.Where((_, i) => i != 1).Select(i => i!.DeepClone()).ToArray());
        await AssertNoneStoredAsync(fresh);
    }

    [Fact]
    public async Task Two_items_with_one_externalId_and_different_bodies_refuse_the_batch_409()
    {
        var batch = Batch(3);
        var twin = batch[0]!.DeepClone().AsObject();
        twin["lossAmount"] = 1m;
        batch.Add(twin);

        await _app.AssertRefusedAsync(() => _shenzhen.Http.PostJsonAsync(Url, batch), HttpStatusCode.Conflict, "/3/externalId");

        await AssertNoneStoredAsync(batch);
    }

    [Fact]
    public async Task A_batch_of_more_than_1000_items_is_refused_400_and_nothing_is_stored()
    {
        var batch = Batch(1_001);

        await _app.AssertRefusedAsync(() => _shenzhen.Http.PostJsonAsync(Url, batch), HttpStatusCode.BadRequest, "");
    }

    [Fact]
    public async Task A_batch_of_exactly_1000_items_is_stored()
    {
        var batch = Batch(1_000);
        var before = await _app.EventCountAsync();

        var answer = await OkAsync(await _shenzhen.Http.PostJsonAsync(Url, batch));

        Assert.Equal(1_000, answer.GetProperty("created").GetInt32());
        Assert.Equal(before + 1_000, await _app.EventCountAsync());
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"items\": []}")]
    [InlineData("\"batch\"")]
    [InlineData("[]")]
    public async Task A_batch_that_is_not_a_non_empty_array_is_refused_400(string json)
    {
        await _app.AssertRefusedAsync(() => _shenzhen.Http.PostRawAsync(Url, json), HttpStatusCode.BadRequest, "");
    }

    [Fact]
    public async Task A_batch_as_a_single_incident_object_is_refused_400_and_the_incident_is_not_stored()
    {
        var single = Incident(NewExternalId());

        await _app.AssertRefusedAsync(() => _shenzhen.Http.PostJsonAsync(Url, single), HttpStatusCode.BadRequest, "");

        await AssertNoneStoredAsync(new JsonArray(single.DeepClone()));
    }

    [Fact]
    public async Task A_batch_without_an_API_key_is_refused_401()
    {
        var anonymous = _app.CreateClient();

        await _app.AssertRefusedAsync(() => anonymous.PostAsJsonAsync(Url, Batch(2)), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_batch_over_one_megabyte_is_refused_413()
    {
        var batch = Batch(2);
        batch[0]!["summary"] = new string('a', 1_024 * 1_024);

        await _app.AssertRefusedAsync(() => _shenzhen.Http.PostJsonAsync(Url, batch), HttpStatusCode.RequestEntityTooLarge);
    }
}
