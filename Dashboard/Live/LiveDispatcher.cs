using AntiFraud.Domain.Regions;
using Microsoft.AspNetCore.SignalR;

namespace AntiFraud.Dashboard.Live;

/// <summary>Drains committed-event messages to the hub groups (all nodes, through the backplane when configured) and to every node's circuits (the bus).</summary>
public sealed class LiveDispatcher(LiveCommitListener listener, IHubContext<LiveHub, ILiveClient> hub, ILiveBus bus, HubWatchers watchers,
    IServiceProvider services, ILogger<LiveDispatcher> logger) : BackgroundService
{
    /// <summary>
    /// Messages being written at the same time. A group send finishes only when every connection has taken the message, so
    /// waiting for each send before the next made every screen wait for the slowest reader. Each send hands the message to every
    /// connection before it returns (connections receive messages in the order they were committed) and then completes in the
    /// background; the window bounds how many messages slow readers can hold up at once.
    /// </summary>
    public const int SendsInFlight = 64;

    // Present only with the Redis backplane.
    private readonly StackExchange.Redis.IConnectionMultiplexer? _redis = services.GetService<StackExchange.Redis.IConnectionMultiplexer>();
    private readonly SemaphoreSlim _window = new(SendsInFlight, SendsInFlight);
    private bool _local;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var message in listener.Messages.ReadAllAsync(stoppingToken))
        {
            await _window.WaitAsync(stoppingToken);
            // Started here, in commit order; finished in the background.
            _ = FinishAsync(message, Start(message));
        }
    }

    private Task Start(ILiveMessage message)
    {
        try
        {
            var published = bus.PublishAsync(message);
            if (_redis is { IsConnected: false })
            {
                // The backplane is down: this node's own connections still get what this node commits.
                return Task.WhenAll(published, SendLocally(message));
            }
            if (_local) logger.LogInformation("Redis is back: live push goes through the backplane again");
            _local = false;
            return Task.WhenAll(published, Send(hub.Clients.Groups(Ancestry(message.RegionCode)), message));
        }
        catch (Exception e)
        {
            return Task.FromException(e);
        }
    }

    private async Task FinishAsync(ILiveMessage message, Task sending)
    {
        try
        {
            await sending;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A push that fails must not stop the next one; screens reconcile from the store.
            logger.LogWarning(e, "Live push of {Message} failed", message.GetType().Name);
            if (_redis is not null)
            {
                try { await SendLocally(message); }
                catch (Exception again) when (again is not OperationCanceledException) { logger.LogWarning(again, "Local push of {Message} failed", message.GetType().Name); }
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

    private Task SendLocally(ILiveMessage message)
    {
        if (!_local) logger.LogWarning("Redis is unreachable: live push reaches this node's own connections only until it returns");
        _local = true;
        if (!RegionCode.TryParse(message.RegionCode, out var code, out _)) return Task.CompletedTask;
        // A connection on this node is written to directly, without the backplane.
        return Task.WhenAll(code.SelfAndAncestors().SelectMany(watchers.ConnectionsWatching).Distinct()
            .Select(connection => Send(hub.Clients.Client(connection), message)));
    }

    private static Task Send(ILiveClient clients, ILiveMessage message) => message switch
    {
        IncidentReportedMessage m => clients.IncidentReported(m),
        WarningIssuedMessage m => clients.WarningIssued(m),
        WarningOutcomeMessage m => clients.WarningOutcome(m),
        CardIssuedMessage m => clients.CardIssued(m),
        CardLiftedMessage m => clients.CardLifted(m),
        _ => Task.CompletedTask,
    };

    /// <summary>The groups of the region and each of its ancestors.</summary>
    public static IReadOnlyList<string> Ancestry(string regionCode)
    {
        return RegionCode.TryParse(regionCode, out var code, out _) ? code.SelfAndAncestors().Select(LiveHub.GroupOf).ToList() : [];
    }
}
