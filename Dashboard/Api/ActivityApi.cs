using AntiFraud.Domain.Activity;
using AntiFraud.Domain.Common;

namespace AntiFraud.Dashboard.Api;

/// <summary>Counters per region and China day: interceptions, blocks, publicity, "two cards" cases, dens, gangs, suspects.</summary>
public static class ActivityApi
{
    public static RouteGroupBuilder MapActivityApi(this RouteGroupBuilder api)
    {
        api.MapPost("/activity", async (HttpContext http, ActivityLedger ledger, CancellationToken ct) =>
        {
            var (document, refusal) = await Problems.ReadJsonAsync(http.Request, ct);
            if (refusal is not null) return refusal;
            using var _ = document;
            var input = new JsonInput(document!.RootElement, []);
            var externalId = input.Text("externalId", true, Limits.MaxExternalIdLength);
            var region = input.Region("regionCode", true);
            var day = input.Day("day", true);
            var c = input.Object("counts", true);
            long N(string name) => c?.Count(name, false, ActivityReport.MaxCount) ?? 0;
            var counts = new ActivityCounts(N("callsIntercepted"), N("smsIntercepted"), N("appsBlocked"), N("urlsBlocked"),
                N("publicityActivities"), N("twoCardsCases"), N("densFound"), N("gangsBusted"), N("suspectsCaught"));
            c?.RejectUnknownFields();
            input.RejectUnknownFields();
            if (input.Errors.Count > 0) return Problems.Invalid(input.Errors);
            var key = http.Key();
            if (key.Outside(region!.Value, "/regionCode") is { } forbidden) return forbidden;
            var result = await ledger.ReportAsync(new ActivityReport(externalId!, region.Value, day!.Value, counts), key.Id, key.Centre, ct);
            return ReportingCentre.Answer(result, location: null);
        }).WithTags("Activity").WithSummary("Report a region's counters for one China day. Same key and externalId: 200, or 409 when the body differs.");
        return api;
    }
}
