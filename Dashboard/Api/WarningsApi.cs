using AntiFraud.Domain.Common;
using AntiFraud.Domain.Incidents;
using AntiFraud.Domain.Warnings;
using Marten;

namespace AntiFraud.Dashboard.Api;

/// <summary>Warning instructions (预警指令) and the counties' call-back outcomes.</summary>
public static class WarningsApi
{
    public static RouteGroupBuilder MapWarningsApi(this RouteGroupBuilder api)
    {
        var warnings = api.MapGroup("/warnings").WithTags("Warnings");

        warnings.MapPost("/", async (HttpContext http, WarningLedger ledger, CancellationToken ct) =>
        {
            var (document, refusal) = await Problems.ReadJsonAsync(http.Request, ct);
            if (refusal is not null) return refusal;
            using var _ = document;
            var input = new JsonInput(document!.RootElement, []);
            var report = new
            {
                ExternalId = input.Text("externalId", true, Limits.MaxExternalIdLength),
                Region = input.Region("regionCode", true),
                Source = input.Choice<WarningSource>("source", true),
                Level = input.Choice<WarningLevel>("level", true),
                Category = input.Choice<FraudType>("category", true),
                IssuedAt = input.Time("issuedAt", true),
            };
            input.RejectUnknownFields();
            if (input.Errors.Count > 0) return Problems.Invalid(input.Errors);
            var key = http.Key();
            if (key.Outside(report.Region!.Value, "/regionCode") is { } forbidden) return forbidden;
            var result = await ledger.IssueAsync(new WarningReport(report.ExternalId!, report.Region.Value, report.Source!.Value,
                report.Level!.Value, report.Category!.Value, report.IssuedAt!.Value), key.Id, key.Centre, ct);
            return ReportingCentre.Answer(result, $"/api/v1/warnings/{result.Id}");
        }).WithSummary("Issue a warning to a county. Same key and externalId: 200 with the same id, or 409 when the body differs.");

        warnings.MapPost("/{id:guid}/outcomes", async (Guid id, HttpContext http, WarningLedger ledger, IDocumentStore store, CancellationToken ct) =>
        {
            var (document, refusal) = await Problems.ReadJsonAsync(http.Request, ct);
            if (refusal is not null) return refusal;
            using var _ = document;
            var key = http.Key();
            await using (var session = store.QuerySession())
            {
                var warning = await session.LoadAsync<WarningDetails>(id, ct);
                if (warning is null) return Problems.NotFound("Unknown warning", $"No warning has id {id}.");
                if (key.Outside(warning.County, "/id") is { } forbidden) return forbidden;
            }
            var input = new JsonInput(document!.RootElement, []);
            var externalId = input.Text("externalId", true, Limits.MaxExternalIdLength);
            var outcome = input.Choice<WarningOutcome>("outcome", true);
            var at = input.Time("at", true);
            input.RejectUnknownFields();
            if (input.Errors.Count > 0) return Problems.Invalid(input.Errors);
            var command = new RecordOutcome(outcome!.Value, at!.Value, key.Centre, externalId!, StreamIds.HashOf(new object[] { outcome.Value, at.Value }));
            var result = await ledger.RecordOutcomeAsync(id, command, ct);
            return ReportingCentre.Answer(result, $"/api/v1/warnings/{id}");
        }).WithSummary("Record a call-back or in-person visit. Settling outcomes close the warning.");

        warnings.MapGet("/{id:guid}", async (Guid id, HttpContext http, IDocumentStore store, CancellationToken ct) =>
        {
            await using var session = store.QuerySession();
            var warning = await session.LoadAsync<WarningDetails>(id, ct);
            if (warning is null) return Problems.NotFound("Unknown warning", $"No warning has id {id}.");
            return http.Key().Outside(warning.County, "/id") ?? Results.Ok(new
            {
                id = warning.Id, externalId = warning.ExternalId, regionCode = warning.County.ToString(), source = warning.Source,
                level = warning.Level, category = warning.Category, issuedAt = warning.IssuedAt, open = warning.Open,
                minutesToFirstCallBack = warning.MinutesToFirstCallBack,
                outcomes = warning.Outcomes.Select(o => new { outcome = o.Outcome, at = o.At }),
            });
        }).WithSummary("A warning with its outcomes.");

        return api;
    }
}
