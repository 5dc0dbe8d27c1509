using AntiFraud.Dashboard.Tests.Harness;
using AntiFraud.Domain.Common;
using AntiFraud.Domain.Incidents;
using AntiFraud.Domain.Regions;
using JasperFx;
using JasperFx.Events;
using Marten;
using Npgsql;

namespace AntiFraud.Dashboard.Tests.Incidents;

/// <summary>
/// A batch of incidents is written with one statement per table, outside Marten's append. Whatever reads the store afterwards
/// must not be able to tell such an incident from one started through a Marten session: the same rows, the same stream, the same
/// view, later steps appended as usual, and the live listeners told after the commit.
/// </summary>
public sealed class BatchStorageTests : IAsyncLifetime
{
    private static readonly RegionCode Shenzhen = RegionCode.Parse("440300");
    private readonly RecordingListener _listener = new();
    private readonly RegionCatalog _catalog = RegionCatalog.Load();
    private DocumentStore _store = null!;
    private string _schema = "";
    private IncidentLedger _ledger = null!;

    public async Task InitializeAsync()
    {
        var connection = await TestDatabase.ConnectionStringAsync();
        _schema = TestDatabase.NewSchema("batch");
        _store = DocumentStore.For(o =>
        {
            o.Connection(connection);
            o.DatabaseSchemaName = _schema;
            o.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
            o.RegisterDomain();
            o.Listeners.Add(_listener);
        });
        await _store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        _ledger = new IncidentLedger(_store, _catalog, TimeProvider.System);
    }

    public Task DisposeAsync()
    {
        _store.Dispose();
        return Task.CompletedTask;
    }

    private readonly DateTimeOffset _occurredAt = DateTimeOffset.UtcNow.AddMinutes(-3).ToOffset(TimeSpan.FromHours(8));

    private IncidentReport Report(string externalId, decimal loss = 8_800m) => new(
        externalId, RegionCode.Parse("440305"), _occurredAt, FraudType.FakeInvestment, Channel.App,
        PaymentTool.BankTransfer, loss, new Victim(AgeBand.From30To44, Occupation.Employee),
        new DenLocation(DenCountry.Cambodia, null), "受害人被诱导在虚假投资平台充值。");

    private async Task<T> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(await TestDatabase.ConnectionStringAsync());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var p in parameters) command.Parameters.Add(new NpgsqlParameter { Value = p });
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Every column of a stream's rows (streams, events, view) but the ids and times, as one text per table.</summary>
    private async Task<string[]> RowsAsync(Guid id) =>
    [
        await ScalarAsync<string>($"select row(type, version, tenant_id, compacted_version, is_archived)::text from {_schema}.mt_streams where id = $1", id),
        await ScalarAsync<string>($"select row(version, data - 'IncidentId' - 'ExternalId' - 'ReportedAt' - 'RequestHash', bdata, type, tenant_id, mt_dotnet_type, is_archived)::text from {_schema}.mt_events where stream_id = $1", id),
        await ScalarAsync<string>($"select row(data - 'Id' - 'ExternalId' - 'ReportedAt' - 'RequestHash' - 'History', jsonb_array_length(data -> 'History'), mt_version, mt_dotnet_type)::text from {_schema}.mt_doc_incidentdetails where id = $1", id),
    ];

    /// <summary>An incident started the ordinary way: Marten's append and the inline projection, in a session.</summary>
    private async Task<IncidentReported> StartThroughSessionAsync(IncidentReport report, Guid key)
    {
        var e = _ledger.ToEvent(report, key, Shenzhen);
        await using var session = _store.LightweightSession();
        session.Events.StartStream(e.IncidentId, e);
        await session.SaveChangesAsync();
        return e;
    }

    [Fact]
    public async Task An_incident_stored_in_a_batch_has_exactly_the_rows_of_one_started_through_a_Marten_session()
    {
        var key = Guid.NewGuid();
        var viaSession = await StartThroughSessionAsync(Report("session-1"), key);

        var results = await _ledger.ReportBatchAsync([Report("batch-1")], key, Shenzhen);

        var viaBatch = Assert.Single(results);
        Assert.Equal(ReportOutcome.Created, viaBatch.Outcome);
        var expected = await RowsAsync(viaSession.IncidentId);
        var actual = await RowsAsync(viaBatch.Id);
        for (var table = 0; table < expected.Length; table++) Assert.Equal(expected[table], actual[table]);
        Assert.Contains("incident_reported", actual[1]);
    }

    [Fact]
    public async Task A_batch_incident_reads_back_as_a_stream_and_a_view_and_takes_later_steps_like_any_other()
    {
        var key = Guid.NewGuid();
        var id = Assert.Single(await _ledger.ReportBatchAsync([Report("batch-later", 20_000m)], key, Shenzhen)).Id;

        var frozen = await _ledger.RecordAsync(id, new FreezeFunds(5_000m, "freeze-1", DateTimeOffset.UtcNow, Shenzhen, "h1"));

        Assert.Equal(ReportOutcome.Created, frozen.Outcome);
        await using var query = _store.QuerySession();
        var stream = await query.Events.FetchStreamAsync(id);
        Assert.Equal(new long[] { 1, 2 }, stream.Select(e => e.Version));
        Assert.IsType<IncidentReported>(stream[0].Data);
        Assert.IsType<FundsFrozen>(stream[1].Data);
        Assert.True(stream[0].Sequence > 0 && stream[1].Sequence > stream[0].Sequence);
        var details = await query.LoadAsync<IncidentDetails>(id);
        Assert.NotNull(details);
        Assert.Equal("batch-later", details.ExternalId);
        Assert.Equal(20_000m, details.LossAmount);
        Assert.Equal(5_000m, details.Frozen);
        Assert.Equal(["Reported", nameof(FundsFrozen)], details.History.Select(h => h.Type));
    }

    [Fact]
    public async Task Listeners_are_told_of_every_committed_batch_event_with_its_stored_sequence()
    {
        var key = Guid.NewGuid();
        var ids = (await _ledger.ReportBatchAsync([Report("told-1"), Report("told-2"), Report("told-3")], key, Shenzhen)).Select(r => r.Id).ToList();

        var told = _listener.Events.Where(e => ids.Contains(e.StreamId)).ToList();
        Assert.Equal(ids, told.Select(e => e.StreamId));
        foreach (var e in told)
        {
            Assert.IsType<IncidentReported>(e.Data);
            Assert.Equal(await ScalarAsync<long>($"select seq_id from {_schema}.mt_events where stream_id = $1", e.StreamId), e.Sequence);
        }
    }

    [Fact]
    public async Task A_batch_meeting_a_stream_stored_meanwhile_writes_nothing_and_tells_no_one()
    {
        var key = Guid.NewGuid();
        var taken = await StartThroughSessionAsync(Report("taken"), key);
        var fresh = _ledger.ToEvent(Report("fresh"), key, Shenzhen);
        var writer = new NewStreams<IncidentReported, IncidentDetails>(_store, e => IncidentDetailsProjection.Project(e.Data));
        var events = await ScalarAsync<long>($"select count(*) from {_schema}.mt_events");
        var told = _listener.Events.Count;

        var error = await Assert.ThrowsAnyAsync<Exception>(() => writer.StartAsync([(fresh.IncidentId, fresh), (taken.IncidentId, taken)], CancellationToken.None));

        Assert.True(StoreErrors.IsStreamCollision(error), error.ToString());
        Assert.Equal(events, await ScalarAsync<long>($"select count(*) from {_schema}.mt_events"));
        Assert.Equal(0L, await ScalarAsync<long>($"select count(*) from {_schema}.mt_streams where id = $1", fresh.IncidentId));
        Assert.Equal(0L, await ScalarAsync<long>($"select count(*) from {_schema}.mt_doc_incidentdetails where id = $1", fresh.IncidentId));
        Assert.Equal(told, _listener.Events.Count);
    }

    [Fact]
    public async Task Two_overlapping_batches_sent_at_once_store_each_incident_once_and_both_are_answered()
    {
        var key = Guid.NewGuid();
        var shared = Enumerable.Range(0, 50).Select(i => Report($"shared-{i}")).ToList();
        var first = shared.Concat(Enumerable.Range(0, 20).Select(i => Report($"first-{i}"))).ToList();
        var second = Enumerable.Range(0, 20).Select(i => Report($"second-{i}")).Concat(shared).ToList();

        var answers = await Task.WhenAll(
            Task.Run(() => _ledger.ReportBatchAsync(first, key, Shenzhen)),
            Task.Run(() => _ledger.ReportBatchAsync(second, key, Shenzhen)));

        Assert.All(answers.SelectMany(a => a), r => Assert.Contains(r.Outcome, new[] { ReportOutcome.Created, ReportOutcome.AlreadyStored }));
        Assert.Equal(90, answers.SelectMany(a => a).Count(r => r.Outcome == ReportOutcome.Created));
        var ids = answers.SelectMany(a => a).Select(r => r.Id).Distinct().ToArray();
        Assert.Equal(90, ids.Length);
        Assert.Equal(90L, await ScalarAsync<long>($"select count(*) from {_schema}.mt_events where stream_id = any($1)", ids));
        Assert.Equal(90L, await ScalarAsync<long>($"select count(*) from {_schema}.mt_doc_incidentdetails where id = any($1)", ids));
    }

    private sealed class RecordingListener : DocumentSessionListenerBase, ICommittedEventsListener
    {
        private readonly List<IEvent> _events = [];

        public IReadOnlyList<IEvent> Events
        {
            get { lock (_events) return _events.ToList(); }
        }

        public void Committed(IReadOnlyList<IEvent> events)
        {
            lock (_events) _events.AddRange(events);
        }
    }
}
