using System.Collections.Concurrent;
using System.Diagnostics;
using AntiFraud.Dashboard.Live;
using AntiFraud.Domain.Regions;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace AntiFraud.Benchmarks.Soak;

public enum SoakKind { Incident, Warning, Outcome }

/// <summary>Something the load tool posted and the server accepted: who must receive it follows from its county.</summary>
public sealed record SoakPosted(SoakKind Kind, Guid Id, RegionCode County, long SentAt, int Interval);

/// <summary>
/// What was posted, per interval: counts, API errors, and the deliveries seen by the hub clients (latency from the moment the POST
/// was sent to the moment a client received the message, attributed to the interval the POST was sent in).
/// </summary>
public sealed class SoakLedger
{
    private readonly ConcurrentDictionary<(SoakKind, Guid), SoakPosted> _posted = new();
    private readonly IReadOnlyList<RegionCode> _watched;
    private long _expectedDeliveries;
    private long _uniqueDeliveries;

    public SoakLedger(int intervals, IReadOnlyList<RegionCode> watchedRegions)
    {
        Intervals = intervals;
        _watched = watchedRegions;
        Latency = Enumerable.Range(0, intervals).Select(_ => new LatencyHistogram()).ToArray();
        Delivered = new long[intervals];
        Errors = new long[intervals];
        PostedCount = new long[intervals, 3];
    }

    public int Intervals { get; }
    public LatencyHistogram[] Latency { get; }
    public long[] Delivered { get; }
    public long[] Errors { get; }
    public long[,] PostedCount { get; }
    public ConcurrentQueue<string> FirstErrors { get; } = new();

    /// <summary>Deliveries every posted item owes (one per client watching its county or an ancestor).</summary>
    public long ExpectedDeliveries => Interlocked.Read(ref _expectedDeliveries);

    /// <summary>Deliveries of posted kinds received once per client, whether or not the POST's answer was back yet.</summary>
    public long UniqueDeliveries => Interlocked.Read(ref _uniqueDeliveries);

    public IEnumerable<SoakPosted> Posted => _posted.Values;

    public void Accepted(SoakKind kind, Guid id, RegionCode county, long sentAt, int interval)
    {
        _posted[(kind, id)] = new SoakPosted(kind, id, county, sentAt, interval);
        Interlocked.Increment(ref PostedCount[interval, (int)kind]);
        Interlocked.Add(ref _expectedDeliveries, _watched.Count(w => county.IsWithin(w)));
    }

    public void Failed(int interval, string what)
    {
        Interlocked.Increment(ref Errors[interval]);
        if (FirstErrors.Count < 10) FirstErrors.Enqueue(what);
    }

    public void CountUnique() => Interlocked.Increment(ref _uniqueDeliveries);

    /// <summary>Records a first receipt; false when the POST's answer is not back yet (the caller retries later).</summary>
    public bool TryRecord(SoakKind kind, Guid id, long receivedAt)
    {
        if (!_posted.TryGetValue((kind, id), out var posted)) return false;
        Latency[posted.Interval].Add(Stopwatch.GetElapsedTime(posted.SentAt, receivedAt).TotalMilliseconds);
        Interlocked.Increment(ref Delivered[posted.Interval]);
        return true;
    }
}

/// <summary>
/// One machine client of <c>/hubs/live</c> (WebSockets, API key) watching one region. It keeps the ids it received per kind, so it can
/// tell duplicates and, at the end, which posted items in its subtree never came; it checks that sequences only go up.
/// </summary>
public sealed class SoakHubClient : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly SoakLedger _ledger;
    private readonly HashSet<(SoakKind, Guid)> _seen = [];
    private readonly List<(SoakKind Kind, Guid Id, long At)> _pending = [];
    private long _lastSequence;

    private SoakHubClient(HubConnection connection, SoakLedger ledger, RegionCode region)
    {
        _connection = connection;
        _ledger = ledger;
        Region = region;
        connection.On<IncidentReportedMessage>(nameof(ILiveClient.IncidentReported), m => Receive(SoakKind.Incident, m.Id, m.Sequence));
        connection.On<WarningIssuedMessage>(nameof(ILiveClient.WarningIssued), m => Receive(SoakKind.Warning, m.Id, m.Sequence));
        connection.On<WarningOutcomeMessage>(nameof(ILiveClient.WarningOutcome), m => Receive(SoakKind.Outcome, m.Id, m.Sequence));
        connection.On<FiguresChangedMessage>(nameof(ILiveClient.FiguresChanged), _ => Interlocked.Increment(ref _figures));
        connection.On<CardIssuedMessage>(nameof(ILiveClient.CardIssued), _ => { });
        connection.On<CardLiftedMessage>(nameof(ILiveClient.CardLifted), _ => { });
        connection.Closed += e =>
        {
            if (!_disposing) ClosedBy = e?.Message ?? "closed by the server";
            return Task.CompletedTask;
        };
    }

    private long _figures;
    private volatile bool _disposing;

    public RegionCode Region { get; }
    public long Duplicates { get; private set; }
    public long OutOfOrder { get; private set; }
    public long ZeroSequence { get; private set; }
    public long Figures => Interlocked.Read(ref _figures);
    public string? ClosedBy { get; private set; }

    public static async Task<SoakHubClient> ConnectAsync(Uri server, string apiKey, RegionCode region, SoakLedger ledger)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server, "hubs/live"), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                o.Headers["X-Api-Key"] = apiKey;
            })
            .Build();
        // No automatic reconnect: a reconnect would hide lost messages, which is what the soak looks for.
        connection.ServerTimeout = TimeSpan.FromSeconds(60);
        var client = new SoakHubClient(connection, ledger, region);
        await connection.StartAsync();
        await connection.InvokeAsync<string>("Watch", region.ToString());
        return client;
    }

    private void Receive(SoakKind kind, Guid id, long sequence)
    {
        var now = Stopwatch.GetTimestamp();
        lock (_seen)
        {
            // The sequence is the event's global sequence: gaps are normal (other events, other subtrees), going back is not expected.
            if (sequence == 0) ZeroSequence++;
            if (sequence <= _lastSequence) OutOfOrder++;
            else _lastSequence = sequence;
            if (!_seen.Add((kind, id)))
            {
                Duplicates++;
                return;
            }
            _ledger.CountUnique();
            if (!_ledger.TryRecord(kind, id, now)) _pending.Add((kind, id, now));
        }
    }

    /// <summary>Attributes receipts that arrived before their POST's answer; returns how many are still unknown.</summary>
    public int ResolvePending()
    {
        lock (_seen)
        {
            _pending.RemoveAll(p => _ledger.TryRecord(p.Kind, p.Id, p.At));
            return _pending.Count;
        }
    }

    public bool Has(SoakKind kind, Guid id)
    {
        lock (_seen) return _seen.Contains((kind, id));
    }

    public async ValueTask DisposeAsync()
    {
        _disposing = true;
        await _connection.DisposeAsync();
    }
}
