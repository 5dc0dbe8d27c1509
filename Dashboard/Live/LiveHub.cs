using System.Collections.Concurrent;
using AntiFraud.Dashboard.Access;
using AntiFraud.Domain.Regions;
using Microsoft.AspNetCore.SignalR;

namespace AntiFraud.Dashboard.Live;

/// <summary>
/// <c>/hubs/live</c>: a client calls <c>Watch(regionCode)</c> and then receives that region's subtree as it happens.
/// Messages go to the group of the county and of each ancestor, so one send reaches every screen that should see it.
/// </summary>
public sealed class LiveHub(RegionCatalog catalog, HubWatchers watchers, Auditor audit) : Hub<ILiveClient>
{
    public static string GroupOf(RegionCode region) => $"region:{region}";

    /// <summary>Starts watching a region (any tier); returns the normalised code. Unknown codes are refused with a clear message.</summary>
    public async Task<string> Watch(string regionCode)
    {
        if (!catalog.TryResolve(regionCode, out var region, out var error)) throw new HubException(error);
        if (!Context.User.CanSee(region.Code))
        {
            await audit.RecordAsync(Domain.Access.AuditKinds.Refused, Context.User?.Identity?.Name ?? "?", region.Code.ToString(), "hub watch outside jurisdiction",
                Context.GetHttpContext()?.Connection.RemoteIpAddress?.ToString());
            throw new HubException($"403: {region.Code} {region.Name} is outside your jurisdiction ({AccessClaims.JurisdictionOf(Context.User)}).");
        }
        watchers.Add(Context.ConnectionId, region.Code);
        await JoinOutermostAsync();
        return region.Code.ToString();
    }

    public async Task Unwatch(string regionCode)
    {
        if (!RegionCode.TryParse(regionCode, out var code, out _)) return;
        watchers.Remove(Context.ConnectionId, code);
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, GroupOf(code));
        await JoinOutermostAsync();
    }

    /// <summary>
    /// Puts the connection in the group of each region it watches that no other region it watches contains, and in no other: an
    /// incident reaches the groups of its county and every ancestor, so a client watching the nation and a province would
    /// otherwise receive the province's incidents twice. Leaving the nation puts it back in the province's group.
    /// </summary>
    private async Task JoinOutermostAsync()
    {
        var watched = watchers.RegionsOf(Context.ConnectionId);
        foreach (var region in watched)
        {
            var inAnother = watched.Any(other => other != region && region.IsWithin(other));
            if (inAnother) await Groups.RemoveFromGroupAsync(Context.ConnectionId, GroupOf(region));
            else await Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(region));
        }
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        watchers.RemoveConnection(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }
}

/// <summary>Which regions the hub connections on this node watch, so this node sends figures only to its own connections.</summary>
public sealed class HubWatchers
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<RegionCode, byte>> _byConnection = new();

    public void Add(string connection, RegionCode region) => _byConnection.GetOrAdd(connection, _ => new())[region] = 0;

    public void Remove(string connection, RegionCode region)
    {
        if (_byConnection.TryGetValue(connection, out var regions)) regions.TryRemove(region, out _);
    }

    public void RemoveConnection(string connection) => _byConnection.TryRemove(connection, out _);

    public IReadOnlyList<RegionCode> RegionsOf(string connection) =>
        _byConnection.TryGetValue(connection, out var regions) ? [.. regions.Keys] : [];

    public int ConnectionCount => _byConnection.Count;

    public IEnumerable<RegionCode> WatchedRegions => _byConnection.Values.SelectMany(r => r.Keys).Distinct();

    public IReadOnlyList<string> ConnectionsWatching(RegionCode region) =>
        _byConnection.Where(c => c.Value.ContainsKey(region)).Select(c => c.Key).ToList();
}
