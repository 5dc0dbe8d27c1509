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

/// <summary>
/// Starts the streams of new reports for many concurrent callers in shared transactions (group commit). While a transaction is
/// being written the reports that arrive wait for the next one, so a busy node pays one session, one round trip and one commit
/// (one WAL flush) per group instead of per report; an idle node commits each report at once, as before.
/// <para>
/// Nothing is weakened: a caller is answered only after the transaction holding its report has committed; the inline projections
/// run in that transaction (read-your-write) and the session listeners see its events after the commit. The same report twice in
/// the queue never shares a transaction with itself. When the database refuses a group because some of its streams exist already
/// (retries, or the same report sent to another node meanwhile), one query finds them: they are answered from what is stored
/// (200 for the same content, 409 for another) and the rest is written again. A group that fails for any other reason is settled
/// report by report with <see cref="Ledger.StartOnceAsync"/>, so one report that cannot be stored never fails another.
/// </para>
/// </summary>
/// <param name="hashOf">The content hash carried by a stream's first event, to tell a retry from a different report.</param>
/// <param name="maxGroup">Reports in one transaction at most.</param>
/// <param name="maxTransactions">Group transactions written at the same time. One keeps groups large (fewer commits per report);
/// the next group fills while it is written.</param>
public sealed class GroupCommit(IDocumentStore store, Func<object, string> hashOf, int maxGroup = 250, int maxTransactions = 1)
{
    private sealed record Pending(Guid Id, string RequestHash, object FirstEvent)
    {
        public TaskCompletionSource<ReportResult> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private readonly Lock _gate = new();
    private readonly LinkedList<Pending> _queue = new();
    private readonly HashSet<Guid> _inFlight = [];
    private int _writers;

    /// <summary>Same contract as <see cref="Ledger.StartOnceAsync"/>: created, already stored (a retry) or a conflict.</summary>
    public Task<ReportResult> StartOnceAsync(Guid id, string requestHash, object firstEvent, CancellationToken ct = default)
    {
        var pending = new Pending(id, requestHash, firstEvent);
        var startWriter = false;
        lock (_gate)
        {
            _queue.AddLast(pending);
            if (_writers < maxTransactions)
            {
                _writers++;
                startWriter = true;
            }
        }
        // The writer runs apart from the caller, so no request ends up writing everyone else's reports.
        if (startWriter) _ = Task.Run(WriteAsync, CancellationToken.None);
        // A caller that gives up stops waiting, but its report is still written (as a report whose request was aborted mid-commit
        // always could be): a retry is then answered 200 with the same id.
        return pending.Done.Task.WaitAsync(ct);
    }

    private async Task WriteAsync()
    {
        while (true)
        {
            var group = new List<Pending>();
            lock (_gate)
            {
                for (var node = _queue.First; node is not null && group.Count < maxGroup;)
                {
                    var next = node.Next;
                    // One transaction per stream at a time: a duplicate waits for the next group, and then collides.
                    if (_inFlight.Add(node.Value.Id))
                    {
                        group.Add(node.Value);
                        _queue.Remove(node);
                    }
                    node = next;
                }
                if (group.Count == 0)
                {
                    _writers--;
                    return;
                }
            }
            try
            {
                await CommitAsync(group);
            }
            catch (Exception e)
            {
                foreach (var pending in group) pending.Done.TrySetException(e);
            }
            finally
            {
                lock (_gate) foreach (var pending in group) _inFlight.Remove(pending.Id);
            }
        }
    }

    private async Task CommitAsync(IReadOnlyList<Pending> reports)
    {
        // A copy: reports drop out of it as they are answered, while the caller releases them all.
        var group = reports.ToList();
        for (var attempt = 0; group.Count > 0; attempt++)
        {
            try
            {
                await using var session = store.LightweightSession();
                foreach (var pending in group) session.Events.StartStream(pending.Id, pending.FirstEvent);
                await session.SaveChangesAsync(CancellationToken.None);
                foreach (var pending in group) pending.Done.TrySetResult(ReportResult.Created(pending.Id));
                return;
            }
            catch (Exception e) when (attempt < 2 && StoreErrors.IsStreamCollision(e))
            {
                // Some of these are stored already (retries): answer them from what is stored, then write the others again.
                var stored = await FirstEventHashesAsync(group.Select(p => p.Id).ToArray());
                foreach (var pending in group.Where(p => stored.ContainsKey(p.Id)))
                    pending.Done.TrySetResult(stored[pending.Id] == pending.RequestHash
                        ? ReportResult.AlreadyStored(pending.Id)
                        : ReportResult.Conflict(pending.Id, "/externalId"));
                if (group.RemoveAll(p => stored.ContainsKey(p.Id)) == 0) break;
            }
            catch (Exception e) when (group.Count == 1 && !StoreErrors.IsStreamCollision(e))
            {
                group[0].Done.TrySetException(e);
                return;
            }
            catch (Exception)
            {
                // Any other failure of a group: no report of it may fail because of another one.
                break;
            }
        }
        // Whatever is left is settled report by report, exactly as a report stored on its own.
        await Task.WhenAll(group.Select(SettleAloneAsync));
    }

    /// <summary>The content hash of the first event of each of these streams that exists.</summary>
    private async Task<Dictionary<Guid, string>> FirstEventHashesAsync(Guid[] ids)
    {
        await using var query = store.QuerySession();
        var first = await query.Events.QueryAllRawEvents().Where(e => e.Version == 1 && e.StreamId.IsOneOf(ids)).ToListAsync();
        return first.ToDictionary(e => e.StreamId, e => hashOf(e.Data));
    }

    private async Task SettleAloneAsync(Pending pending)
    {
        try
        {
            pending.Done.TrySetResult(await Ledger.StartOnceAsync(store, pending.Id, pending.RequestHash, pending.FirstEvent, hashOf, CancellationToken.None));
        }
        catch (Exception e)
        {
            pending.Done.TrySetException(e);
        }
    }
}

public static class StoreErrors
{
    /// <summary>The database refused a new stream because one with that id exists (a retried or concurrent report).</summary>
    public static bool IsStreamCollision(Exception e) =>
        e is Marten.Exceptions.ExistingStreamIdCollisionException or JasperFx.Events.ExistingStreamIdCollisionException
            // A set-based start of many streams (NewStreams) meets the streams table's primary key.
            or Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation, ConstraintName: "pkey_mt_streams_id" };

    /// <summary>Someone appended to the stream between our read and our write.</summary>
    public static bool IsVersionConflict(Exception e) => e is JasperFx.Events.EventStreamUnexpectedMaxEventIdException;
}
