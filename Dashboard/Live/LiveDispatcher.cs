using AntiFraud.Domain.Regions;
using Microsoft.AspNetCore.SignalR;

namespace AntiFraud.Dashboard.Live;

/// <summary>Drains committed-event messages to the hub groups (all nodes, through the backplane when configured) and to every node's circuits (the bus).</summary>
public sealed class LiveDispatcher(LiveCommitListener listener, IHubContext<LiveHub, ILiveClient> hub, ILiveBus bus, ILogger<LiveDispatcher> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var message in listener.Messages.ReadAllAsync(stoppingToken))
        {
            try
            {
                await bus.PublishAsync(message);
                var groups = Ancestry(message.RegionCode);
                var clients = hub.Clients.Groups(groups);
                await (message switch
                {
                    IncidentReportedMessage m => clients.IncidentReported(m),
                    WarningIssuedMessage m => clients.WarningIssued(m),
                    WarningOutcomeMessage m => clients.WarningOutcome(m),
                    CardIssuedMessage m => clients.CardIssued(m),
                    CardLiftedMessage m => clients.CardLifted(m),
                    _ => Task.CompletedTask,
                });
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A push that fails (the backplane is down, say) must not stop the next one; screens reconcile from the store.
                logger.LogWarning(e, "Live push of {Message} failed", message.GetType().Name);
            }
        }
    }

    /// <summary>The groups of the region and each of its ancestors.</summary>
    public static IReadOnlyList<string> Ancestry(string regionCode)
    {
        return RegionCode.TryParse(regionCode, out var code, out _) ? code.SelfAndAncestors().Select(LiveHub.GroupOf).ToList() : [];
    }
}
