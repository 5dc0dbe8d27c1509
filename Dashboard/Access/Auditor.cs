using System.Security.Claims;
using AntiFraud.Domain.Access;
using Marten;

namespace AntiFraud.Dashboard.Access;

/// <summary>Writes the audit trail (events, one stream per China day) and reads its latest entries for administrators.</summary>
public sealed class Auditor(IDocumentStore store, TimeProvider clock, ILogger<Auditor> logger)
{
    public async Task RecordAsync(string kind, string who, string? target, string? detail, string? from, CancellationToken ct = default)
    {
        var entry = new AuditEntry(kind, who, target, Trim(detail), from, clock.GetUtcNow());
        try
        {
            await using var session = store.LightweightSession();
            session.Events.Append(AuditEntry.StreamOf(entry.At), entry);
            await session.SaveChangesAsync(ct);
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException)
        {
            // The action itself has happened; say loudly that its audit line could not be stored.
            logger.LogError(e, "Audit entry {Kind} by {Who} on {Target} could not be stored", kind, who, target);
        }
    }

    public Task RecordAsync(string kind, ClaimsPrincipal user, string? target, string? detail, string? from, CancellationToken ct = default) =>
        RecordAsync(kind, user.Identity?.Name ?? "?", target, detail, from, ct);

    public async Task<IReadOnlyList<AuditEntry>> LatestAsync(int count, CancellationToken ct = default)
    {
        await using var session = store.QuerySession();
        var entries = await session.Events.QueryRawEventDataOnly<AuditEntry>().OrderByDescending(e => e.At).Take(count).ToListAsync(ct);
        return entries;
    }

    private static string? Trim(string? text) => text is { Length: > 500 } ? text[..500] : text;
}
