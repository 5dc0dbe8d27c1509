using System.Collections.Concurrent;
using AntiFraud.Domain.Regions;

namespace AntiFraud.Dashboard.Live;

/// <summary>
/// The node's in-process relay: every Blazor circuit on this node subscribes here for its region, and receives the messages
/// of that region's subtree. Delivery never blocks the relay; each subscriber throttles its own rendering.
/// </summary>
public sealed class LiveFeed
{
    private readonly ConcurrentDictionary<Guid, Subscription> _subscriptions = new();

    public int SubscriberCount => _subscriptions.Count;

    /// <summary>The regions watched by this node's screens, for the figures relay.</summary>
    public IEnumerable<RegionCode> WatchedRegions => _subscriptions.Values.Select(s => s.Region).Distinct();

    public IDisposable Subscribe(RegionCode region, Action<ILiveMessage> onMessage)
    {
        var subscription = new Subscription(Guid.NewGuid(), region, onMessage, this);
        _subscriptions[subscription.Id] = subscription;
        return subscription;
    }

    public void Publish(ILiveMessage message)
    {
        if (!RegionCode.TryParse(message.RegionCode, out var region, out _)) return;
        foreach (var s in _subscriptions.Values)
        {
            var inside = message is FiguresChangedMessage ? region == s.Region : region.IsWithin(s.Region);
            if (inside) s.OnMessage(message);
        }
    }

    private sealed record Subscription(Guid Id, RegionCode Region, Action<ILiveMessage> OnMessage, LiveFeed Feed) : IDisposable
    {
        public void Dispose() => Feed._subscriptions.TryRemove(Id, out _);
    }
}
