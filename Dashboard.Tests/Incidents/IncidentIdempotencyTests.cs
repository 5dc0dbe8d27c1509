using System.Net;
using System.Text.Json.Nodes;
using AntiFraud.Dashboard.Tests.Harness;
using AntiFraud.Domain.Incidents;
using static AntiFraud.Dashboard.Tests.Harness.Ingestion;

namespace AntiFraud.Dashboard.Tests.Incidents;

/// <summary>Every incident report and every later step is stored exactly once, however often a centre sends it.</summary>
public sealed class IncidentIdempotencyTests(ApiHostFixture host) : IClassFixture<ApiHostFixture>, IAsyncLifetime
{
    private const string Url = "/api/v1/incidents";
    private readonly AppHost _app = host.App;
    private ReportingCentreClient _shenzhen = null!;

    public async Task InitializeAsync()
    {
        _shenzhen = await host.CentreAsync("4403");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static string EventsUrl(Guid id) => $"{Url}/{id}/events";

    [Fact]
    public async Task The_same_report_sent_twice_is_answered_201_then_200_with_the_same_id_and_stored_once()
    {
        var body = Incident(NewExternalId());

        var first = await _shenzhen.Http.PostJsonAsync(Url, body);
        var second = await _shenzhen.Http.PostJsonAsync(Url, body);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var id = await first.IdOfAsync();
        Assert.Equal(id, await second.IdOfAsync());
        Assert.IsType<IncidentReported>(Assert.Single(await _app.StreamAsync(id)).Data);
    }

    [Fact]
    public async Task A_retry_with_its_fields_in_another_order_and_other_spacing_is_recognised_as_the_same_report()
    {
        var body = Incident(NewExternalId());
        var id = await _shenzhen.Http.CreateAsync(Url, body);
        var reordered = new JsonObject(body.Reverse().Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));
        var spaced = reordered.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });

        var retry = await _shenzhen.Http.PostRawAsync(Url, spaced);

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(id, await retry.IdOfAsync());
        Assert.Single(await _app.StreamAsync(id));
    }

    [Fact]
    public async Task A_retry_that_writes_the_same_amount_with_a_trailing_zero_is_recognised_as_the_same_report()
    {
        var body = Incident(NewExternalId(), lossAmount: 3_000.5m);
        var id = await _shenzhen.Http.CreateAsync(Url, body);
        var json = body.ToJsonString();
        Assert.Contains("\"lossAmount\":3000.5,", json);

        var retry = await _shenzhen.Http.PostRawAsync(Url, json.Replace("\"lossAmount\":3000.5,", "\"lossAmount\":3000.50,", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Single(await _app.StreamAsync(id));
    }

    [Fact]
    public async Task A_retry_that_writes_the_same_instant_in_UTC_is_recognised_as_the_same_report()
    {
        var occurredAt = Ago(TimeSpan.FromHours(5));
        var body = Incident(NewExternalId(), occurredAt: occurredAt);
        var id = await _shenzhen.Http.CreateAsync(Url, body);
        var rewritten = body.DeepClone().AsObject();
        rewritten["occurredAt"] = occurredAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

        var retry = await _shenzhen.Http.PostJsonAsync(Url, rewritten);

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Single(await _app.StreamAsync(id));
    }

    [Fact]
    public async Task The_same_externalId_with_a_different_body_is_refused_409_and_the_stored_report_is_unchanged()
    {
        var body = Incident(NewExternalId(), lossAmount: 8_800m);
        var id = await _shenzhen.Http.CreateAsync(Url, body);
        var changed = body.DeepClone().AsObject();
        changed["lossAmount"] = 88_000m;

        await _app.AssertRefusedAsync(() => _shenzhen.Http.PostJsonAsync(Url, changed), HttpStatusCode.Conflict, "/externalId");

        var stored = Assert.IsType<IncidentReported>(Assert.Single(await _app.StreamAsync(id)).Data);
        Assert.Equal(body["lossAmount"]!.GetValue<decimal>(), stored.LossAmount);
        var details = await _shenzhen.Http.GetIncidentAsync(id);
        Assert.Equal(body["lossAmount"]!.GetValue<decimal>(), details["lossAmount"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task The_same_report_sent_twenty_times_at_once_is_stored_once_and_every_answer_carries_its_id()
    {
        var body = Incident(NewExternalId());

        var responses = await _shenzhen.Http.PostAtOnceAsync(Url, body);

        var id = await AssertStoredOnceAsync(responses);
        Assert.Equal(IncidentLedger.StreamId(_shenzhen.Key.Id, body["externalId"]!.GetValue<string>()), id);
        Assert.Single(await _app.StreamAsync(id));
    }

    [Fact]
    public async Task The_same_externalId_from_two_centres_is_two_incidents()
    {
        var other = await host.CentreAsync("44");
        var externalId = NewExternalId();

        var mine = await _shenzhen.Http.CreateAsync(Url, Incident(externalId));
        var theirs = await other.Http.CreateAsync(Url, Incident(externalId, lossAmount: 1m));

        Assert.NotEqual(mine, theirs);
        Assert.Single(await _app.StreamAsync(mine));
        Assert.Single(await _app.StreamAsync(theirs));
    }

    [Fact]
    public async Task A_later_step_sent_twice_is_answered_201_then_200_and_recorded_once()
    {
        var id = await _shenzhen.Http.CreateAsync(Url, Incident(NewExternalId(), lossAmount: 10_000m));
        var freeze = LifecycleEvent(NewExternalId(), "FundsFrozen", Ago(TimeSpan.FromMinutes(30)), ("amount", 2_500m));

        var first = await _shenzhen.Http.PostJsonAsync(EventsUrl(id), freeze);
        var second = await _shenzhen.Http.PostJsonAsync(EventsUrl(id), freeze);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(id, await second.IdOfAsync());
        var frozen = (await _app.StreamAsync(id)).Select(e => e.Data).OfType<FundsFrozen>();
        Assert.Equal(2_500m, Assert.Single(frozen).Amount);
    }

    [Fact]
    public async Task A_later_step_sent_again_after_the_incident_was_closed_is_still_answered_200()
    {
        var id = await _shenzhen.Http.CreateAsync(Url, Incident(NewExternalId()));
        var file = LifecycleEvent(NewExternalId(), "CaseFiled", Ago(TimeSpan.FromMinutes(40)), ("caseNumber", "SZ-2026-77"));
        await _shenzhen.Http.CreateAsync(EventsUrl(id), file);
        await _shenzhen.Http.CreateAsync(EventsUrl(id), LifecycleEvent(NewExternalId(), "Closed", Ago(TimeSpan.FromMinutes(20)), ("reason", "撤案")));
        var before = await _app.EventCountAsync();

        var retry = await _shenzhen.Http.PostJsonAsync(EventsUrl(id), file);

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(before, await _app.EventCountAsync());
    }

    [Fact]
    public async Task A_later_step_with_a_used_externalId_and_a_different_body_is_refused_409_and_nothing_is_recorded()
    {
        var id = await _shenzhen.Http.CreateAsync(Url, Incident(NewExternalId(), lossAmount: 10_000m));
        var externalId = NewExternalId();
        var at = Ago(TimeSpan.FromMinutes(30));
        await _shenzhen.Http.CreateAsync(EventsUrl(id), LifecycleEvent(externalId, "FundsFrozen", at, ("amount", 1_000m)));

        await _app.AssertRefusedAsync(
            () => _shenzhen.Http.PostJsonAsync(EventsUrl(id), LifecycleEvent(externalId, "FundsFrozen", at, ("amount", 1_500m))),
            HttpStatusCode.Conflict, "/externalId");

        Assert.Equal(1_000m, (await _app.StreamAsync(id)).Select(e => e.Data).OfType<FundsFrozen>().Sum(f => f.Amount));
    }

    [Fact]
    public async Task A_later_step_sent_twenty_times_at_once_is_recorded_once()
    {
        var id = await _shenzhen.Http.CreateAsync(Url, Incident(NewExternalId(), lossAmount: 10_000m));
        var stop = LifecycleEvent(NewExternalId(), "StopPaymentRequested", Ago(TimeSpan.FromMinutes(30)), ("amount", 4_000m));

        var responses = await _shenzhen.Http.PostAtOnceAsync(EventsUrl(id), stop);

        Assert.Equal(id, await AssertStoredOnceAsync(responses));
        Assert.Single((await _app.StreamAsync(id)).Select(e => e.Data).OfType<StopPaymentRequested>());
    }

    [Fact]
    public async Task A_later_step_retried_is_counted_once_in_the_day_roll_up()
    {
        var day = ChinaDaysAgo(3);
        var loss = 60_000m;
        var frozenAmount = 12_345.6m;
        var id = await _shenzhen.Http.CreateAsync(Url, Incident(NewExternalId(), regionCode: "440305", occurredAt: At(day, 9), lossAmount: loss));
        var freeze = LifecycleEvent(NewExternalId(), "FundsFrozen", At(day, 11), ("amount", frozenAmount));
        await _shenzhen.Http.CreateAsync(EventsUrl(id), freeze);
        Assert.Equal(HttpStatusCode.OK, (await _shenzhen.Http.PostJsonAsync(EventsUrl(id), freeze)).StatusCode);

        await _app.WaitForRollUpsAsync();

        var county = await _shenzhen.Http.StatsAsync("440305", day);
        var city = await _shenzhen.Http.StatsAsync("440300", day);
        Assert.Equal(frozenAmount, county.GetProperty("frozen").GetDecimal());
        Assert.Equal(frozenAmount, city.GetProperty("frozen").GetDecimal());
        Assert.Equal(loss, county.GetProperty("loss").GetDecimal());
    }
}
