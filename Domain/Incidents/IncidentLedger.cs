using AntiFraud.Domain.Common;
using AntiFraud.Domain.Regions;
using Marten;

namespace AntiFraud.Domain.Incidents;

/// <summary>Reporting and recording incidents: the one path used by the API, the simulator and the backfill.</summary>
public sealed class IncidentLedger(IDocumentStore store, RegionCatalog catalog, TimeProvider clock)
{
    // Concurrent single reports share transactions (see GroupCommit): the same outcome per report, far fewer commits.
    private readonly GroupCommit _starts = new(store, HashOfFirst);

    // A batch starts its streams with one statement per table, not one append and one view upsert per incident.
    private readonly NewStreams<IncidentReported, IncidentDetails> _batches = new(store, e => IncidentDetailsProjection.Project(e.Data));

    public static Guid StreamId(Guid reportingKey, string externalId) => StreamIds.For("incident", reportingKey, externalId);

    public IncidentReported ToEvent(IncidentReport report, Guid reportingKey, RegionCode centre, DateTimeOffset? reportedAt = null) =>
        new(StreamId(reportingKey, report.ExternalId), report.ExternalId, report.County, centre, report.OccurredAt,
            report.FraudType, report.Channel, report.PaymentTool, report.LossAmount, report.Victim, report.DenLocation,
            report.Summary, reportedAt ?? clock.GetUtcNow(), StreamIds.HashOf(report));

    /// <summary>Stores a new incident once; the caller has checked the reporting centre's jurisdiction.</summary>
    public async Task<ReportResult> ReportAsync(IncidentReport report, Guid reportingKey, RegionCode centre, CancellationToken ct = default)
    {
        var id = StreamId(reportingKey, report.ExternalId);
        var errors = report.Validate(catalog, clock.GetUtcNow()).ToList();
        if (errors.Count > 0) return ReportResult.Refused(id, errors);
        var e = ToEvent(report, reportingKey, centre);
        return await _starts.StartOnceAsync(id, e.RequestHash, e, ct);
    }

    /// <summary>Stores all the incidents or none. Retries inside the batch are recognised item by item.</summary>
    public async Task<IReadOnlyList<ReportResult>> ReportBatchAsync(IReadOnlyList<IncidentReport> reports, Guid reportingKey, RegionCode centre, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var events = reports.Select(r => ToEvent(r, reportingKey, centre, now)).ToList();
        var results = new ReportResult[reports.Count];
        for (var i = 0; i < reports.Count; i++)
        {
            var errors = reports[i].Validate(catalog, now, $"/{i}").ToList();
            if (errors.Count > 0) results[i] = ReportResult.Refused(events[i].IncidentId, errors);
        }
        var duplicateInBatch = events.Select((e, i) => (e, i)).GroupBy(x => x.e.IncidentId).Where(g => g.Count() > 1).SelectMany(g => g.Skip(1));
        foreach (var (e, i) in duplicateInBatch)
            if (results[i] is null && events.First(x => x.IncidentId == e.IncidentId).RequestHash != e.RequestHash)
                results[i] = ReportResult.Conflict(e.IncidentId, $"/{i}/externalId");
        if (results.Any(r => r is not null)) return Fill(results, events, ReportOutcome.Refused);

        for (var attempt = 0; ; attempt++)
        {
            Dictionary<Guid, string> storedHashes;
            await using (var query = store.QuerySession())
                storedHashes = (await query.LoadManyAsync<IncidentDetails>(ct, events.Select(e => e.IncidentId).Distinct()))
                    .ToDictionary(d => d.Id, d => d.RequestHash);
            var seen = new HashSet<Guid>();
            var toStart = new List<(Guid, IncidentReported)>(events.Count);
            for (var i = 0; i < events.Count; i++)
            {
                var e = events[i];
                if (storedHashes.TryGetValue(e.IncidentId, out var hash))
                    results[i] = hash == e.RequestHash ? ReportResult.AlreadyStored(e.IncidentId) : ReportResult.Conflict(e.IncidentId, $"/{i}/externalId");
                else if (seen.Add(e.IncidentId))
                    toStart.Add((e.IncidentId, e));
            }
            if (results.Any(r => r?.Outcome == ReportOutcome.Conflict)) return Fill(results, events, ReportOutcome.Refused);
            try
            {
                await _batches.StartAsync(toStart, ct);
                for (var i = 0; i < events.Count; i++) results[i] ??= ReportResult.Created(events[i].IncidentId);
                return results;
            }
            catch (Exception e) when (StoreErrors.IsStreamCollision(e) && attempt < 2)
            {
                // Another request stored one of these at the same moment: look again.
                Array.Clear(results);
            }
        }
    }

    /// <summary>Records a later step (funds, filing, solving...) once, after the pure decision allows it.</summary>
    public async Task<ReportResult> RecordAsync(Guid incidentId, IncidentCommand command, CancellationToken ct = default)
    {
        if (command.At > clock.GetUtcNow() + Limits.FutureTolerance) return ReportResult.Refused(incidentId, [new FieldError("/at", "The time is more than 5 minutes in the future.")]);
        for (var attempt = 0; ; attempt++)
        {
            await using var session = store.LightweightSession();
            var events = await session.Events.FetchStreamAsync(incidentId, token: ct);
            var state = Incident.From(events.Select(e => e.Data));
            if (state is null) return ReportResult.NotFound(incidentId);
            if (state.ProcessedReports.TryGetValue(command.ExternalId, out var hash))
                return hash == command.RequestHash ? ReportResult.AlreadyStored(incidentId) : ReportResult.Conflict(incidentId, "/externalId");
            var decision = IncidentDecisions.Decide(command, state);
            if (decision.Refused) return ReportResult.Refused(incidentId, decision.Errors);
            session.Events.Append(incidentId, events.Count + decision.Events.Count, decision.Events.ToArray());
            try
            {
                await session.SaveChangesAsync(ct);
                return ReportResult.Created(incidentId);
            }
            catch (Exception e) when (StoreErrors.IsVersionConflict(e) && attempt < 3)
            {
                // Someone recorded on this incident meanwhile: decide again on the new state.
            }
        }
    }

    public static string HashOfFirst(object first) => first is IncidentReported r ? r.RequestHash : "";

    private static ReportResult[] Fill(ReportResult?[] results, List<IncidentReported> events, ReportOutcome _) =>
        results.Select((r, i) => r ?? new ReportResult(ReportOutcome.Refused, events[i].IncidentId, [])).ToArray();
}
