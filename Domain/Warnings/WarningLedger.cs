using AntiFraud.Domain.Common;
using AntiFraud.Domain.Incidents;
using AntiFraud.Domain.Regions;
using Marten;

namespace AntiFraud.Domain.Warnings;

/// <summary>A new warning instruction as a system reports it.</summary>
public sealed record WarningReport(string ExternalId, RegionCode County, WarningSource Source, WarningLevel Level, FraudType Category, DateTimeOffset IssuedAt)
{
    public IEnumerable<FieldError> Validate(RegionCatalog catalog, DateTimeOffset now)
    {
        if (!catalog.TryGet(County, out _))
            yield return new("/regionCode", $"Region code {County} is not in the catalogue.");
        else if (County.Tier != RegionTier.County)
            yield return new("/regionCode", $"A warning is dispatched to a county: {County} is a {County.Tier.ToString().ToLowerInvariant()}.");
        if (IssuedAt > now + Limits.FutureTolerance)
            yield return new("/issuedAt", "The time is more than 5 minutes in the future.");
        if (IssuedAt < new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero))
            yield return new("/issuedAt", "The time is before the year 2000.");
    }
}

public sealed class WarningLedger(IDocumentStore store, RegionCatalog catalog, TimeProvider clock)
{
    public static Guid StreamId(Guid reportingKey, string externalId) => StreamIds.For("warning", reportingKey, externalId);

    public WarningIssued ToEvent(WarningReport report, Guid reportingKey, RegionCode centre) =>
        new(StreamId(reportingKey, report.ExternalId), report.ExternalId, report.County, centre, report.Source, report.Level,
            report.Category, report.IssuedAt, StreamIds.HashOf(report));

    public async Task<ReportResult> IssueAsync(WarningReport report, Guid reportingKey, RegionCode centre, CancellationToken ct = default)
    {
        var id = StreamId(reportingKey, report.ExternalId);
        var errors = report.Validate(catalog, clock.GetUtcNow()).ToList();
        if (errors.Count > 0) return ReportResult.Refused(id, errors);
        var e = ToEvent(report, reportingKey, centre);
        return await Ledger.StartOnceAsync(store, id, e.RequestHash, e, first => first is WarningIssued w ? w.RequestHash : "", ct);
    }

    /// <summary>Records a call-back or visit once; settling outcomes close the warning.</summary>
    public async Task<ReportResult> RecordOutcomeAsync(Guid warningId, RecordOutcome command, CancellationToken ct = default)
    {
        if (command.At > clock.GetUtcNow() + Limits.FutureTolerance)
            return ReportResult.Refused(warningId, [new FieldError("/at", "The time is more than 5 minutes in the future.")]);
        for (var attempt = 0; ; attempt++)
        {
            await using var session = store.LightweightSession();
            var events = await session.Events.FetchStreamAsync(warningId, token: ct);
            var state = Warning.From(events.Select(e => e.Data));
            if (state is null) return ReportResult.NotFound(warningId);
            if (state.ProcessedReports.TryGetValue(command.ExternalId, out var hash))
                return hash == command.RequestHash ? ReportResult.AlreadyStored(warningId) : ReportResult.Conflict(warningId, "/externalId");
            var decision = WarningDecisions.Decide(command, state);
            if (decision.Refused) return ReportResult.Refused(warningId, decision.Errors);
            session.Events.Append(warningId, events.Count + decision.Events.Count, decision.Events.ToArray());
            try
            {
                await session.SaveChangesAsync(ct);
                return ReportResult.Created(warningId);
            }
            catch (Exception e) when (StoreErrors.IsVersionConflict(e) && attempt < 3)
            {
            }
        }
    }
}
