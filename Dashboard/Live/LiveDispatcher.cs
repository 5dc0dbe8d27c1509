using AntiFraud.Domain.Regions;
using Microsoft.AspNetCore.SignalR;

namespace AntiFraud.Dashboard.Live;

/// <summary>Drains committed-event messages to the hub groups (all nodes, through the backplane when configured) and to every node's circuits (the bus).</summary>
public sealed class LiveDispatcher(LiveCommitListener listener, IHubContext<LiveHub, ILiveClient> hub, ILiveBus bus, HubWatchers watchers,
    IServiceProvider services, ILogger<LiveDispatcher> logger) : BackgroundService
{
    // Present only with the Redis backplane.
    private readonly StackExchange.Redis.IConnectionMultiplexer? _redis = services.GetService<StackExchange.Redis.IConnectionMultiplexer>();
    private bool _local;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var message in listener.Messages.ReadAllAsync(stoppingToken))
        {
            try
            {
                await bus.PublishAsync(message);
                if (_redis is { IsConnected: false })
                {
                    // The backplane is down: this node's own connections still get what this node commits.
                    await SendLocallyAsync(message);
                    continue;
                }
                if (_local) logger.LogInformation("Redis is back: live push goes through the backplane again");
                _local = false;
                await Send(hub.Clients.Groups(Ancestry(message.RegionCode)), message);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A push that fails must not stop the next one; screens reconcile from the store.
                logger.LogWarning(e, "Live push of {Message} failed", message.GetType().Name);
                if (_redis is not null) await SendLocallyAsync(message);
            }
        }
    }

    private async Task SendLocallyAsync(ILiveMessage message)
    {
        if (!_local) logger.LogWarning("Redis is unreachable: live push reaches this node's own connections only until it returns");
        _local = true;
        if (!RegionCode.TryParse(message.RegionCode, out var code, out _)) return;
        // A connection on this node is written to directly, without the backplane.
        foreach (var connection in code.SelfAndAncestors().SelectMany(watchers.ConnectionsWatching).Distinct())
            await Send(hub.Clients.Client(connection), message);
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
