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

    // Values, not formatting: 3000.5 and 3000.50 are one amount, 08:00+08:00 and 00:00Z one instant.
    private static readonly JsonSerializerOptions Canonical = new()
    {
        WriteIndented = false,
        Converters = { new CanonicalDecimal(), new CanonicalInstant() },
    };

    private sealed class CanonicalDecimal : System.Text.Json.Serialization.JsonConverter<decimal>
    {
        public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDecimal();
        public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
            writer.WriteRawValue(value.ToString("G29", System.Globalization.CultureInfo.InvariantCulture) is var t && t.Contains('E') ? value.ToString(System.Globalization.CultureInfo.InvariantCulture) : t);
    }

    private sealed class CanonicalInstant : System.Text.Json.Serialization.JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDateTimeOffset();
        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => writer.WriteStringValue(value.UtcDateTime);
    }

    /// <summary>A hash of what a report says (its parsed values, not its formatting), to tell a retry from a changed report.</summary>
    public static string HashOf<T>(T content)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(content, Canonical);
        return Convert.ToHexString(SHA256.HashData(bytes))[..32];
    }
}
