using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using AntiFraud.Dashboard.Access;
using AntiFraud.Domain.Access;
using AntiFraud.Domain.Regions;
using JasperFx.Events;
using Marten;
using Marten.Events.Aggregation;

namespace AntiFraud.Dashboard.Api;

public sealed record ApiKeyIssued(Guid KeyId, string Name, RegionCode Centre, string SecretHash, DateTimeOffset At);
public sealed record ApiKeyRevoked(Guid KeyId, DateTimeOffset At);

/// <summary>A reporting centre's key: it may report only inside <see cref="Centre"/>'s jurisdiction. Only a hash of the secret is kept.</summary>
public sealed class ApiKey
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public RegionCode Centre { get; set; }
    public string SecretHash { get; set; } = "";
    public DateTimeOffset IssuedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}

public sealed class ApiKeyProjection : SingleStreamProjection<ApiKey, Guid>
{
    public override ApiKey Evolve(ApiKey? snapshot, Guid id, IEvent e) => e.Data switch
    {
        ApiKeyIssued i => new ApiKey { Id = i.KeyId, Name = i.Name, Centre = i.Centre, SecretHash = i.SecretHash, IssuedAt = i.At },
        ApiKeyRevoked r when snapshot is not null => Revoke(snapshot, r.At),
        _ => snapshot!,
    };

    private static ApiKey Revoke(ApiKey key, DateTimeOffset at)
    {
        key.RevokedAt = at;
        return key;
    }
}

/// <summary>Issues, lists, revokes and recognises API keys. Recognised keys are cached briefly so a busy client costs no query per request.</summary>
public sealed class ApiKeyStore(IDocumentStore store, TimeProvider clock)
{
    private const string Prefix = "afc_";
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(15);
    private readonly ConcurrentDictionary<string, (ApiKey? Key, DateTimeOffset Until)> _cache = new();

    public async Task<(ApiKey Key, string Secret)> CreateAsync(RegionCode centre, string name, CancellationToken ct = default)
    {
        var secret = Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var issued = new ApiKeyIssued(Guid.NewGuid(), name, centre, HashOf(secret), clock.GetUtcNow());
        await using var session = store.LightweightSession();
        session.Events.StartStream<ApiKey>(issued.KeyId, issued);
        await session.SaveChangesAsync(ct);
        return (new ApiKey { Id = issued.KeyId, Name = name, Centre = centre, SecretHash = issued.SecretHash, IssuedAt = issued.At }, secret);
    }

    public async Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken ct = default)
    {
        await using var session = store.QuerySession();
        return (await session.Query<ApiKey>().OrderBy(k => k.IssuedAt).ToListAsync(ct)).ToList();
    }

    /// <summary>The key with this id, live or revoked; null when there is none.</summary>
    public async Task<ApiKey?> FindAsync(Guid id, CancellationToken ct = default)
    {
        await using var session = store.QuerySession();
        return await session.LoadAsync<ApiKey>(id, ct);
    }

    /// <summary>False when there is no such key or it was revoked before.</summary>
    public async Task<bool> RevokeAsync(Guid id, CancellationToken ct = default)
    {
        await using var session = store.LightweightSession();
        var key = await session.LoadAsync<ApiKey>(id, ct);
        if (key is null || key.RevokedAt is not null) return false;
        session.Events.Append(id, new ApiKeyRevoked(id, clock.GetUtcNow()));
        await session.SaveChangesAsync(ct);
        _cache.Clear();
        return true;
    }

    /// <summary>The live key for a presented secret, or null.</summary>
    public async Task<ApiKey?> RecogniseAsync(string? secret, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length > 100 || !secret.StartsWith(Prefix, StringComparison.Ordinal)) return null;
        var hash = HashOf(secret);
        var now = clock.GetUtcNow();
        if (_cache.TryGetValue(hash, out var cached) && cached.Until > now) return cached.Key;

        await using var session = store.QuerySession();
        var key = await session.Query<ApiKey>().FirstOrDefaultAsync(k => k.SecretHash == hash && k.RevokedAt == null, ct);
        if (_cache.Count > 10_000) _cache.Clear();
        _cache[hash] = (key, now + CacheFor);
        return key;
    }

    // The secrets are 256 random bits, so a plain SHA-256 is enough: there is nothing to guess.
    private static string HashOf(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}

/// <summary>A key just issued, with the secret that is shown once.</summary>
public sealed record IssuedApiKey(ApiKey Key, string Secret);

/// <summary>
/// API keys as administrators manage them on their page: only keys whose centre lies inside the administrator's jurisdiction,
/// issued or revoked with an audit entry. A refused step changes nothing, even for a key whose id is known.
/// </summary>
public sealed class ApiKeyAdministration(ApiKeyStore keys, RegionCatalog catalog, Auditor audit)
{
    public const int MaxNameLength = 100;

    /// <summary>The keys of centres inside the actor's jurisdiction, oldest first.</summary>
    public async Task<IReadOnlyList<ApiKey>> ListAsync(AdminActor actor, CancellationToken ct = default) =>
        (await keys.ListAsync(ct)).Where(k => actor.Manages(k.Centre)).ToList();

    public async Task<AdminResult<IssuedApiKey>> CreateAsync(AdminActor actor, string? region, string? name, CancellationToken ct = default)
    {
        var label = name?.Trim() ?? "";
        if (label.Length is 0 or > MaxNameLength || label.Any(char.IsControl))
            return new AdminRefusal(AdminProblem.KeyNameInvalid, label, $"The key needs a name of 1 to {MaxNameLength} characters.");
        if (!catalog.TryResolve(region, out var centre, out var error))
            return new AdminRefusal(AdminProblem.RegionInvalid, region?.Trim() ?? "", error);
        if (!actor.Manages(centre.Code))
        {
            await audit.RecordAsync(AuditKinds.Refused, actor.Name, centre.Code.ToString(), $"API key for {centre.Code} outside {actor.Jurisdiction}", actor.From, ct);
            return new AdminRefusal(AdminProblem.RegionOutside, centre.Code.ToString(), $"{centre.Code} {centre.Name} is outside your jurisdiction ({actor.Jurisdiction}).");
        }
        var (key, secret) = await keys.CreateAsync(centre.Code, label, ct);
        await audit.RecordAsync(AuditKinds.ApiKeyCreated, actor.Name, key.Id.ToString(), $"{centre.Code} {label}", actor.From, ct);
        return new AdminResult<IssuedApiKey>(new IssuedApiKey(key, secret), null);
    }

    public async Task<AdminResult<ApiKey>> RevokeAsync(AdminActor actor, Guid id, CancellationToken ct = default)
    {
        var key = await keys.FindAsync(id, ct);
        if (key is null || !actor.Manages(key.Centre))
        {
            if (key is not null)
                await audit.RecordAsync(AuditKinds.Refused, actor.Name, id.ToString(), $"revoke API key of {key.Centre} outside {actor.Jurisdiction}", actor.From, ct);
            // A key outside the jurisdiction is, to this administrator, no key at all.
            return new AdminRefusal(AdminProblem.NotFound, id.ToString(), $"There is no API key {id} in your jurisdiction ({actor.Jurisdiction}).");
        }
        if (key.RevokedAt is not null || !await keys.RevokeAsync(id, ct))
            return new AdminRefusal(AdminProblem.KeyRevoked, id.ToString(), $"Key {id} was revoked before.");
        await audit.RecordAsync(AuditKinds.ApiKeyRevoked, actor.Name, id.ToString(), $"{key.Centre} {key.Name}", actor.From, ct);
        return new AdminResult<ApiKey>(key, null);
    }
}
