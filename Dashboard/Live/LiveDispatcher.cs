using System.Diagnostics;
using AntiFraud.Domain.Regions;
using Microsoft.AspNetCore.SignalR;

namespace AntiFraud.Dashboard.Live;

/// <summary>
/// Drains committed-event messages to the hub groups (all nodes, through the backplane when configured) and to every node's
/// circuits (the bus). Messages committed close together go to each group as one <see cref="LiveBundle"/>.
/// </summary>
public sealed class LiveDispatcher(LiveCommitListener listener, IHubContext<LiveHub> hub, ILiveBus bus, HubWatchers watchers,
    IServiceProvider services, ILogger<LiveDispatcher> logger) : BackgroundService
{
    /// <summary>
    /// Bursts being written at the same time. A group send finishes only when every connection has taken it, so waiting for each
    /// send before the next made every screen wait for the slowest reader. Each send hands its bundle to every connection before
    /// it returns (connections receive messages in the order they were committed) and then completes in the background; the
    /// window bounds how much slow readers can hold up at once.
    /// </summary>
    public const int SendsInFlight = 64;

    /// <summary>
    /// How long after one burst the next may start. The first message after a quiet spell goes at once; messages committed within
    /// this time of the previous burst wait for its end and go together, one send per group. A send costs each connection a
    /// write, a flush and a socket write whatever it carries, so at 100 incidents a second a thousand screens cost the server
    /// about a third of the writes they would one message at a time.
    /// </summary>
    public static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(25);

    /// <summary>The most messages in one burst: a backlog goes out in bundles of this size.</summary>
    public const int MaxBurst = 256;

    // Present only with the Redis backplane.
    private readonly StackExchange.Redis.IConnectionMultiplexer? _redis = services.GetService<StackExchange.Redis.IConnectionMultiplexer>();
    private readonly SemaphoreSlim _window = new(SendsInFlight, SendsInFlight);
    private bool _local;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var messages = listener.Messages;
        var lastBurst = 0L;
        while (await messages.WaitToReadAsync(stoppingToken))
        {
            var sinceLast = Stopwatch.GetElapsedTime(lastBurst);
            if (sinceLast < Gather) await Task.Delay(Gather - sinceLast, stoppingToken);
            lastBurst = Stopwatch.GetTimestamp();
            while (true)
            {
                var burst = new List<ILiveMessage>();
                while (burst.Count < MaxBurst && messages.TryRead(out var message)) burst.Add(message);
                if (burst.Count == 0) break;
                await _window.WaitAsync(stoppingToken);
                // Started here, in commit order; finished in the background.
                _ = FinishAsync(burst, Start(burst));
            }
        }
    }

    private Task Start(IReadOnlyList<ILiveMessage> burst)
    {
        try
        {
            var published = Task.WhenAll(burst.Select(bus.PublishAsync));
            if (_redis is { IsConnected: false })
            {
                // The backplane is down: this node's own connections still get what this node commits.
                return Task.WhenAll(published, SendLocally(burst));
            }
            if (_local) logger.LogInformation("Redis is back: live push goes through the backplane again");
            _local = false;
            return Task.WhenAll(ByGroup(burst).Select(g => new LiveBundle(g.Messages).SendAsync(hub.Clients.Group(g.Group))).Append(published));
        }
        catch (Exception e)
        {
            return Task.FromException(e);
        }
    }

    private async Task FinishAsync(IReadOnlyList<ILiveMessage> burst, Task sending)
    {
        try
        {
            await sending;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A push that fails must not stop the next one; screens reconcile from the store.
            logger.LogWarning(e, "Live push of {Count} messages failed", burst.Count);
            if (_redis is not null)
            {
                try { await SendLocally(burst); }
                catch (Exception again) when (again is not OperationCanceledException) { logger.LogWarning(again, "Local push of {Count} messages failed", burst.Count); }
            }
        }
        catch (OperationCanceledException)
        {
            // The node is stopping.
        }
        finally
        {
            _window.Release();
        }
    }

    private Task SendLocally(IReadOnlyList<ILiveMessage> burst)
    {
        if (!_local) logger.LogWarning("Redis is unreachable: live push reaches this node's own connections only until it returns");
        _local = true;
        // A connection on this node is written to directly, without the backplane: each gets the messages of the regions it
        // watches, once each, in commit order.
        var byConnection = new Dictionary<string, List<ILiveMessage>>();
        foreach (var message in burst)
        {
            if (!RegionCode.TryParse(message.RegionCode, out var code, out _)) continue;
            foreach (var connection in code.SelfAndAncestors().SelectMany(watchers.ConnectionsWatching).Distinct())
            {
                if (!byConnection.TryGetValue(connection, out var messages)) byConnection[connection] = messages = [];
                messages.Add(message);
            }
        }
        return Task.WhenAll(byConnection.Select(c => new LiveBundle(c.Value).SendAsync(hub.Clients.Client(c.Key))));
    }

    /// <summary>Each group the burst reaches (a message's region and each of its ancestors) with its messages, in commit order.</summary>
    public static IEnumerable<(string Group, IReadOnlyList<ILiveMessage> Messages)> ByGroup(IReadOnlyList<ILiveMessage> burst)
    {
        var groups = new Dictionary<string, List<ILiveMessage>>();
        foreach (var message in burst)
        {
            foreach (var group in Ancestry(message.RegionCode))
            {
                if (!groups.TryGetValue(group, out var messages)) groups[group] = messages = [];
                messages.Add(message);
            }
        }
        return groups.Select(g => (g.Key, (IReadOnlyList<ILiveMessage>)g.Value));
    }

    /// <summary>The groups of the region and each of its ancestors.</summary>
    private static IReadOnlyList<string> Ancestry(string regionCode)
    {
        return RegionCode.TryParse(regionCode, out var code, out _) ? code.SelfAndAncestors().Select(LiveHub.GroupOf).ToList() : [];
    }
}
