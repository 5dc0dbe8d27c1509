using JasperFx.Events;
using Marten;
using Marten.Schema;
using Npgsql;
using NpgsqlTypes;

namespace AntiFraud.Domain.Common;

/// <summary>
/// Told about events written by <see cref="NewStreams{TEvent,TView}"/>, once their transaction has committed: those events never
/// pass through a Marten session, so session listeners do not see them. A listener registered with the store
/// (<c>StoreOptions.Listeners</c>) that implements this is told as well.
/// </summary>
public interface ICommittedEventsListener
{
    void Committed(IReadOnlyList<IEvent> events);
}

/// <summary>
/// Starts many one-event streams in one transaction with one statement per table (the streams, their events and the inline
/// projection's views) instead of Marten's append call and view upsert per stream. It writes exactly the rows Marten writes for
/// <c>StartStream(id, event)</c> with the view projected inline (a test compares the two row by row), so everything that reads
/// the store afterwards (loading a stream, later appends, the async daemon, queries of the views) cannot tell them apart.
/// <para>
/// All the streams are started or none: when one exists already the database refuses the whole statement
/// (<see cref="StoreErrors.IsStreamCollision"/>) and nothing is written. Listeners are told after the commit, as session listeners
/// are. Callers look for stored streams first (a refused statement has drawn sequence numbers that stay unused, and the roll-up
/// daemon waits out such a gap before it moves on), so a refusal is left to two requests racing with the same report.
/// </para>
/// </summary>
/// <param name="project">The inline projection's view of a stream that holds only this first event.</param>
public sealed class NewStreams<TEvent, TView>(IDocumentStore store, Func<IEvent<TEvent>, TView> project)
    where TEvent : class where TView : class
{
    private readonly DocumentStore _store = (DocumentStore)store;

    // A view with duplicated fields (real columns beside its JSON) would need them written too; none of ours has any.
    private readonly Lazy<string> _views = new(() =>
    {
        var mapping = (DocumentMapping)((IReadOnlyStoreOptions)((DocumentStore)store).Options).FindOrResolveDocumentType(typeof(TView));
        if (mapping.DuplicatedFields.Count > 0)
            throw new NotSupportedException($"{typeof(TView).Name} has duplicated fields, which {nameof(NewStreams<TEvent, TView>)} does not write.");
        return mapping.TableName.QualifiedName;
    });

    public async Task StartAsync(IReadOnlyList<(Guid StreamId, TEvent Event)> streams, CancellationToken ct)
    {
        if (streams.Count == 0) return;
        var options = _store.Options;
        var serializer = options.Serializer();
        var mapping = _store.Events.EventMappingFor(typeof(TEvent));
        var tenant = options.Tenancy.Default.TenantId;
        var now = DateTimeOffset.UtcNow;

        var n = streams.Count;
        var ids = new Guid[n];
        var eventIds = new Guid[n];
        var eventBodies = new string[n];
        var viewBodies = new string[n];
        var events = new Event<TEvent>[n];
        for (var i = 0; i < n; i++)
        {
            var (id, data) = streams[i];
            var e = new Event<TEvent>(data)
            {
                Id = Guid.CreateVersion7(), StreamId = id, Version = 1, Timestamp = now, TenantId = tenant,
                EventTypeName = mapping.EventTypeName, DotNetTypeName = mapping.DotNetTypeName,
            };
            events[i] = e;
            ids[i] = id;
            eventIds[i] = e.Id;
            eventBodies[i] = serializer.ToJson(data);
            viewBodies[i] = serializer.ToJson(project(e));
        }

        var schema = options.Events.DatabaseSchemaName;
        var views = _views.Value;
        await using var connection = _store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                Command($"insert into {schema}.mt_streams (id, type, version, timestamp, tenant_id) select id, null, 1, now(), $2 from unnest($1) as id",
                    Uuids(ids), Text(tenant)),
                Command($"insert into {schema}.mt_events (seq_id, id, stream_id, version, data, type, tenant_id, timestamp, mt_dotnet_type, is_archived) " +
                        $"select nextval('{schema}.mt_events_sequence'), e.id, e.stream_id, 1, e.data, $4, $5, $6, $7, false " +
                        "from unnest($1, $2, $3) as e(id, stream_id, data) returning seq_id, stream_id",
                    Uuids(eventIds), Uuids(ids), Jsonb(eventBodies), Text(mapping.EventTypeName), Text(tenant),
                    new NpgsqlParameter { Value = now, NpgsqlDbType = NpgsqlDbType.TimestampTz }, Text(mapping.DotNetTypeName)),
                Command($"insert into {views} (id, data, mt_version, mt_dotnet_type, mt_last_modified) " +
                        "select v.id, v.data, 1, $3, transaction_timestamp() from unnest($1, $2) as v(id, data)",
                    Uuids(ids), Jsonb(viewBodies), Text(typeof(TView).FullName!)),
            },
        };

        var sequenceOf = new Dictionary<Guid, long>(n);
        await using (var reader = await batch.ExecuteReaderAsync(ct))
        {
            // Only the events' insert returns rows (their sequence numbers).
            do
            {
                while (await reader.ReadAsync(ct)) sequenceOf[reader.GetGuid(1)] = reader.GetInt64(0);
            } while (await reader.NextResultAsync(ct));
        }
        await transaction.CommitAsync(ct);

        foreach (var e in events) e.Sequence = sequenceOf[e.StreamId];
        foreach (var listener in options.Listeners.OfType<ICommittedEventsListener>()) listener.Committed(events);
    }

    private static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }

    private static NpgsqlParameter Uuids(Guid[] values) => new() { Value = values, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid };
    private static NpgsqlParameter Jsonb(string[] values) => new() { Value = values, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb };
    private static NpgsqlParameter Text(string value) => new() { Value = value, NpgsqlDbType = NpgsqlDbType.Text };
}
