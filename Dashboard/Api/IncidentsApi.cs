using System.Text.Json;
using AntiFraud.Domain.Common;
using AntiFraud.Domain.Incidents;
using AntiFraud.Domain.Regions;
using Marten;

namespace AntiFraud.Dashboard.Api;

/// <summary>Incidents reported upward by lower-tier systems, each stored exactly once.</summary>
public static class IncidentsApi
{
    public static RouteGroupBuilder MapIncidentsApi(this RouteGroupBuilder api)
    {
        var incidents = api.MapGroup("/incidents").WithTags("Incidents");

        incidents.MapPost("/", async (HttpContext http, IncidentLedger ledger, CancellationToken ct) =>
        {
            var (document, refusal) = await Problems.ReadJsonAsync(http.Request, ct);
            if (refusal is not null) return refusal;
            using var _ = document;
            var errors = new List<FieldError>();
            var report = ReadReport(new JsonInput(document!.RootElement, errors));
            if (errors.Count > 0) return Problems.Invalid(errors);
            var key = http.Key();
            if (key.Outside(report!.County, "/regionCode") is { } forbidden) return forbidden;
            var result = await ledger.ReportAsync(report, key.Id, key.Centre, ct);
            return ReportingCentre.Answer(result, $"/api/v1/incidents/{result.Id}");
        }).WithSummary("Report one incident. The same key and externalId again: 200 with the same id, or 409 when the body differs.");

        incidents.MapPost("/batch", async (HttpContext http, IncidentLedger ledger, CancellationToken ct) =>
        {
            var (document, refusal) = await Problems.ReadJsonAsync(http.Request, ct);
            if (refusal is not null) return refusal;
            using var _ = document;
            var root = document!.RootElement;
            if (root.ValueKind != JsonValueKind.Array)
                return Problems.Invalid([new FieldError("", "Expected a JSON array of incidents.")]);
            var count = root.GetArrayLength();
            if (count is 0 or > Limits.MaxBatch)
                return Problems.Invalid([new FieldError("", $"A batch holds 1 to {Limits.MaxBatch} incidents; this one holds {count}.")]);

            var errors = new List<FieldError>();
            var reports = root.EnumerateArray().Select((item, i) => ReadReport(new JsonInput(item, errors, $"/{i}"))).ToList();
            if (errors.Count > 0) return Problems.Invalid(errors, "The batch is invalid: nothing was stored");
            var key = http.Key();
            var outside = reports.Select((r, i) => (r, i)).Where(x => !x.r!.County.IsWithin(key.Centre)).Select(x => $"/{x.i}/regionCode").ToList();
            if (outside.Count > 0)
                return Problems.Forbidden($"Outside the jurisdiction of this key's centre ({key.Centre}): {string.Join(", ", outside.Take(20))}. Nothing was stored.");

            var results = await ledger.ReportBatchAsync(reports!, key.Id, key.Centre, ct);
            var failed = results.SelectMany(r => r.Errors).ToList();
            if (results.Any(r => r.Outcome == ReportOutcome.Conflict)) return Problems.Conflict(failed);
            if (failed.Count > 0) return Problems.Invalid(failed, "The batch is invalid: nothing was stored");
            return Results.Ok(new
            {
                created = results.Count(r => r.Outcome == ReportOutcome.Created),
                alreadyStored = results.Count(r => r.Outcome == ReportOutcome.AlreadyStored),
                ids = results.Select(r => r.Id),
            });
        }).WithSummary("Report up to 1,000 incidents: all are stored or none; errors are listed per item index.");

        incidents.MapPost("/{id:guid}/events", async (Guid id, HttpContext http, IncidentLedger ledger, IDocumentStore store, RegionCatalog catalog, CancellationToken ct) =>
        {
            var (document, refusal) = await Problems.ReadJsonAsync(http.Request, ct);
            if (refusal is not null) return refusal;
            using var _ = document;
            var key = http.Key();
            if (await AccessAsync(store, id, key, ct) is { } denied) return denied;
            var errors = new List<FieldError>();
            var command = ReadCommand(new JsonInput(document!.RootElement, errors), key.Centre);
            if (command is not null) errors.AddRange(UnknownRegions(command, catalog));
            if (errors.Count > 0) return Problems.Invalid(errors);
            var result = await ledger.RecordAsync(id, command!, ct);
            return ReportingCentre.Answer(result, $"/api/v1/incidents/{id}");
        }).WithSummary("Record a later step: StopPaymentRequested, FundsFrozen, FundsReturned, CaseFiled, SuspectsIdentified, CaseSolved, Escalated, Transferred, Reclassified, Closed.");

        incidents.MapGet("/{id:guid}", async (Guid id, HttpContext http, IDocumentStore store, CancellationToken ct) =>
        {
            await using var session = store.QuerySession();
            var details = await session.LoadAsync<IncidentDetails>(id, ct);
            if (details is null) return Problems.NotFound("Unknown incident", $"No incident has id {id}.");
            return http.Key().Outside(details.County, "/id") ?? Results.Ok(IncidentDto.From(details));
        }).WithSummary("An incident's details and history.");

        return api;
    }

    private static async Task<IResult?> AccessAsync(IDocumentStore store, Guid id, ApiKey key, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var details = await session.LoadAsync<IncidentDetails>(id, ct);
        if (details is null) return Problems.NotFound("Unknown incident", $"No incident has id {id}.");
        return key.Outside(details.County, "/id");
    }

    /// <summary>Region codes in a command must exist: a transfer to a county that is not in the catalogue is refused.</summary>
    private static IEnumerable<FieldError> UnknownRegions(IncidentCommand command, RegionCatalog catalog)
    {
        var named = command switch
        {
            Transfer t => [("/toCounty", t.ToCounty)],
            Escalate e => [("/to", e.To)],
            IdentifySuspects s => s.HomeRegions.Select((h, i) => ($"/homeRegions/{i}", h)).ToList(),
            _ => new List<(string, RegionCode)>(),
        };
        return named.Where(n => !catalog.TryGet(n.Item2, out _))
            .Select(n => new FieldError(n.Item1, $"Region code {n.Item2} is not in the catalogue."));
    }

    public static IncidentReport? ReadReport(JsonInput input)
    {
        var before = input.Errors.Count;
        var externalId = input.Text("externalId", true, Limits.MaxExternalIdLength);
        var region = input.Region("regionCode", true);
        var occurredAt = input.Time("occurredAt", true);
        var fraudType = input.Choice<FraudType>("fraudType", true);
        var channel = input.Choice<Channel>("channel", true);
        var paymentTool = input.Choice<PaymentTool>("paymentTool", true);
        var loss = input.Amount("lossAmount", true);
        var victimInput = input.Object("victim", true);
        var ageBand = victimInput?.Choice<AgeBand>("ageBand", true);
        var occupation = victimInput?.Choice<Occupation>("occupation", true);
        victimInput?.RejectUnknownFields();
        var denInput = input.Object("denLocation", false);
        var denCountry = denInput?.Choice<DenCountry>("country", true);
        var denRegion = denInput?.Region("regionCode", false);
        denInput?.RejectUnknownFields();
        var summary = input.Text("summary", false, Limits.MaxSummaryLength, multiline: true);
        input.RejectUnknownFields();
        if (input.Errors.Count > before) return null;
        return new IncidentReport(externalId!, region!.Value, occurredAt!.Value, fraudType!.Value, channel!.Value, paymentTool!.Value,
            loss!.Value, new Victim(ageBand!.Value, occupation!.Value),
            denInput is null ? null : new DenLocation(denCountry!.Value, denRegion), summary);
    }

    public enum EventType { StopPaymentRequested, FundsFrozen, FundsReturned, CaseFiled, SuspectsIdentified, CaseSolved, Escalated, Transferred, Reclassified, Closed }

    private static IncidentCommand? ReadCommand(JsonInput input, RegionCode centre)
    {
        var before = input.Errors.Count;
        var externalId = input.Text("externalId", true, Limits.MaxExternalIdLength);
        var type = input.Choice<EventType>("type", true);
        var at = input.Time("at", true);
        IncidentCommand? command = null;
        if (type is { } t && externalId is not null && at is { } when)
        {
            string Hash(params object?[] parts) => StreamIds.HashOf(new object?[] { t.ToString(), when }.Concat(parts).ToArray());
            command = t switch
            {
                EventType.StopPaymentRequested or EventType.FundsFrozen or EventType.FundsReturned when input.Amount("amount", true) is { } amount =>
                    t == EventType.StopPaymentRequested ? new RequestStopPayment(amount, externalId, when, centre, Hash(amount))
                    : t == EventType.FundsFrozen ? new FreezeFunds(amount, externalId, when, centre, Hash(amount))
                    : new ReturnFunds(amount, externalId, when, centre, Hash(amount)),
                EventType.CaseFiled => input.Text("caseNumber", false, 64) is var number ? new FileCase(number, externalId, when, centre, Hash(number)) : null,
                EventType.SuspectsIdentified when (input.Count("count", true, 100_000), input.Regions("homeRegions", false, 1_000)) is ({ } n, var homes) =>
                    new IdentifySuspects((int)n, (homes ?? []).ToArray(), externalId, when, centre, Hash(n, string.Join(",", homes ?? []))),
                EventType.CaseSolved when input.Count("arrests", true, 100_000) is { } arrests => new SolveCase((int)arrests, externalId, when, centre, Hash(arrests)),
                EventType.Escalated when (input.Region("to", true), input.Text("reason", true, Limits.MaxReasonLength, multiline: true)) is ({ } to, { } reason) =>
                    new Escalate(to, reason, externalId, when, centre, Hash(to.ToString(), reason)),
                EventType.Transferred when (input.Region("toCounty", true), input.Text("reason", true, Limits.MaxReasonLength, multiline: true)) is ({ } county, { } reason) =>
                    new Transfer(county, reason, externalId, when, centre, Hash(county.ToString(), reason)),
                EventType.Reclassified when (input.Choice<FraudType>("fraudType", true), input.Text("reason", false, Limits.MaxReasonLength, multiline: true)) is ({ } to, var reason) =>
                    new Reclassify(to, reason, externalId, when, centre, Hash(to, reason)),
                EventType.Closed when input.Text("reason", true, Limits.MaxReasonLength, multiline: true) is { } reason => new Close(reason, externalId, when, centre, Hash(reason)),
                _ => null,
            };
        }
        input.RejectUnknownFields();
        return input.Errors.Count > before ? null : command;
    }
}

/// <summary>An incident as machine clients receive it.</summary>
public sealed record IncidentDto(
    Guid Id, string ExternalId, string RegionCode, string ReportedBy, DateTimeOffset OccurredAt, DateTimeOffset ReportedAt,
    FraudType FraudType, Channel Channel, PaymentTool PaymentTool, decimal LossAmount, Victim Victim, object? DenLocation, string? Summary,
    IncidentStatus Status, decimal Stopped, decimal Frozen, decimal Returned, int Suspects, int Arrests, IEnumerable<object> History)
{
    public static IncidentDto From(IncidentDetails d) => new(
        d.Id, d.ExternalId, d.County.ToString(), d.ReportedBy.ToString(), d.OccurredAt, d.ReportedAt, d.FraudType, d.Channel, d.PaymentTool,
        d.LossAmount, d.Victim, d.DenLocation is { } den ? new { country = den.Country, regionCode = den.RegionCode?.ToString() } : null, d.Summary,
        d.Status, d.Stopped, d.Frozen, d.Returned, d.Suspects, d.Arrests,
        d.History.Select(h => (object)new { type = h.Type.StartsWith("Incident", StringComparison.Ordinal) ? h.Type["Incident".Length..] : h.Type, at = h.At, recordedBy = h.RecordedBy.ToString(), amount = h.Amount, detail = h.Detail }));
}
