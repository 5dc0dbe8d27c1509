using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace AntiFraud.Domain.Common;

/// <summary>Deterministic ids and content hashes that make every report idempotent.</summary>
public static class StreamIds
{
    /// <summary>
    /// The stream id of a report: the same reporting key, kind and external id always give the same id, so a retried report
    /// collides with the stored one instead of being stored twice (a name-based UUID, RFC 9562 version 8 layout).
    /// </summary>
    public static Guid For(string kind, Guid reportingKey, string externalId)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{kind}\n{reportingKey:N}\n{externalId}"), hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }

    private static readonly JsonSerializerOptions Canonical = new() { WriteIndented = false };

    /// <summary>A hash of what a report says (its parsed values, not its formatting), to tell a retry from a changed report.</summary>
    public static string HashOf<T>(T content)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(content, Canonical);
        return Convert.ToHexString(SHA256.HashData(bytes))[..32];
    }
}
