using Marten;

namespace AntiFraud.Domain.Common;

/// <summary>What happened to a report: stored now, stored before (a retry: same answer, nothing written), or refused.</summary>
public enum ReportOutcome { Created, AlreadyStored, Conflict, Refused, NotFound }

public sealed record ReportResult(ReportOutcome Outcome, Guid Id, IReadOnlyList<FieldError> Errors)
{
    public static ReportResult Created(Guid id) => new(ReportOutcome.Created, id, []);
    public static ReportResult AlreadyStored(Guid id) => new(ReportOutcome.AlreadyStored, id, []);
    public static ReportResult Conflict(Guid id, string field) =>
        new(ReportOutcome.Conflict, id, [new FieldError(field, "A different report with this externalId is already stored.")]);
    public static ReportResult Refused(Guid id, IReadOnlyList<FieldError> errors) => new(ReportOutcome.Refused, id, errors);
    public static ReportResult NotFound(Guid id) => new(ReportOutcome.NotFound, id, []);
}

/// <summary>Appending with the idempotency rule shared by every kind of report.</summary>
public static class Ledger
{
    /// <summary>
    /// Starts the report's stream with its first event. A stream that exists already is a retry when its first event carries the
    /// same content hash, and a conflict otherwise. Concurrent identical reports store one stream: the database refuses the others.
    /// </summary>
    public static async Task<ReportResult> StartOnceAsync(IDocumentStore store, Guid id, string requestHash, object firstEvent,
        Func<object, string> hashOf, CancellationToken ct)
    {
        await using (var session = store.LightweightSession())
        {
            session.Events.StartStream(id, firstEvent);
            try
            {
                await session.SaveChangesAsync(ct);
                return ReportResult.Created(id);
            }
            catch (Exception e) when (StoreErrors.IsStreamCollision(e))
            {
            }
        }
        return await CompareWithStoredAsync(store, id, requestHash, hashOf, ct);
    }

    public static async Task<ReportResult> CompareWithStoredAsync(IDocumentStore store, Guid id, string requestHash, Func<object, string> hashOf, CancellationToken ct)
    {
        await using var query = store.QuerySession();
        var events = await query.Events.FetchStreamAsync(id, version: 1, token: ct);
        if (events.Count == 0) return ReportResult.NotFound(id);
        return hashOf(events[0].Data) == requestHash ? ReportResult.AlreadyStored(id) : ReportResult.Conflict(id, "/externalId");
    }
}

internal static class StoreErrors
{
    /// <summary>The database refused a new stream because one with that id exists (a retried or concurrent report).</summary>
    public static bool IsStreamCollision(Exception e) =>
        e is Marten.Exceptions.ExistingStreamIdCollisionException or JasperFx.Events.ExistingStreamIdCollisionException;

    /// <summary>Someone appended to the stream between our read and our write.</summary>
    public static bool IsVersionConflict(Exception e) => e is JasperFx.Events.EventStreamUnexpectedMaxEventIdException;
}
