using System.Net.Sockets;
using AntiFraud.Domain.Incidents;
using Marten;
using Npgsql;

namespace AntiFraud.Dashboard.Features.Incidents;

/// <summary>
/// An incident as the page shows it: the read model for its facts and totals, the state the decisions work on (status, handling
/// tier) and its events in order for the timeline, all read in one session.
/// </summary>
public sealed record IncidentView(IncidentDetails Details, Incident State, IReadOnlyList<object> Events)
{
    public bool Filed => Events.OfType<CaseFiled>().Any();

    /// <summary>The case number of the filing, when one was given.</summary>
    public string? CaseNumber => Events.OfType<CaseFiled>().LastOrDefault()?.CaseNumber;

    /// <summary>The incident, or null when no incident has this id.</summary>
    public static async Task<IncidentView?> LoadAsync(IDocumentStore store, Guid id, CancellationToken ct = default)
    {
        await using var session = store.QuerySession();
        var details = await session.LoadAsync<IncidentDetails>(id, ct);
        if (details is null) return null;
        var events = (await session.Events.FetchStreamAsync(id, token: ct)).Select(e => e.Data).ToList();
        return Incident.From(events) is { } state ? new IncidentView(details, state, events) : null;
    }

    /// <summary>True when the failure is the database being out of reach rather than a fault of ours.</summary>
    public static bool IsDatabaseUnavailable(Exception e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
            if (inner is NpgsqlException or SocketException or TimeoutException) return true;
        return e is AggregateException aggregate && aggregate.InnerExceptions.Any(IsDatabaseUnavailable);
    }
}
