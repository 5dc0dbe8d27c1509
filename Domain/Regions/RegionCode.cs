using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AntiFraud.Domain.Regions;

/// <summary>The four tiers of the anti-fraud centres (四级反诈中心).</summary>
public enum RegionTier
{
    National = 0,
    Province = 1,
    City = 2,
    County = 3,
}

/// <summary>
/// A GB/T 2260 administrative division code: 000000 for the nation, 440000 for a province, 440300 for a city,
/// 440305 for a county. Parsing accepts the 2- and 4-digit province and city forms and normalises them to six digits.
/// Whether the code exists is the catalogue's business (<see cref="RegionCatalog.TryResolve"/>).
/// </summary>
[JsonConverter(typeof(RegionCodeJsonConverter))]
public readonly record struct RegionCode : IComparable<RegionCode>, ISpanFormattable
{
    public static readonly RegionCode National = new(0);

    private RegionCode(int value) => Value = value;

    /// <summary>The six-digit code as a number, e.g. 440305.</summary>
    public int Value { get; }

    public RegionTier Tier =>
        Value == 0 ? RegionTier.National
        : Value % 10000 == 0 ? RegionTier.Province
        : Value % 100 == 0 ? RegionTier.City
        : RegionTier.County;

    /// <summary>The code of the enclosing region by code structure; the nation has none.</summary>
    public RegionCode? Parent => Tier switch
    {
        RegionTier.National => null,
        RegionTier.Province => National,
        RegionTier.City => new RegionCode(Value / 10000 * 10000),
        _ => new RegionCode(Value / 100 * 100),
    };

    /// <summary>The two-digit province part ("44"), or "00" for the nation.</summary>
    public string ProvinceDigits => (Value / 10000).ToString("D2", CultureInfo.InvariantCulture);

    /// <summary>True when this region is <paramref name="jurisdiction"/> or lies inside it. Pure arithmetic on the code.</summary>
    public bool IsWithin(RegionCode jurisdiction) => jurisdiction.Tier switch
    {
        RegionTier.National => true,
        RegionTier.Province => Value / 10000 == jurisdiction.Value / 10000,
        RegionTier.City => Value / 100 == jurisdiction.Value / 100,
        _ => Value == jurisdiction.Value,
    };

    /// <summary>This region, its parent and so on up to the nation, by code structure.</summary>
    public IEnumerable<RegionCode> SelfAndAncestors()
    {
        for (RegionCode? r = this; r is { } code; r = code.Parent) yield return code;
    }

    /// <summary>The smallest and largest code value inside this region's subtree, for range queries over stored codes.</summary>
    public (int Min, int Max) SubtreeRange => Tier switch
    {
        RegionTier.National => (0, 999999),
        RegionTier.Province => (Value, Value + 9999),
        RegionTier.City => (Value, Value + 99),
        _ => (Value, Value),
    };

    public static RegionCode Parse(string text) =>
        TryParse(text, out var code, out var error) ? code : throw new FormatException(error);

    /// <summary>Parses "44", "4403", "440305" or "000000"; the error says what is wrong with the text.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out RegionCode code, [NotNullWhen(false)] out string? error)
    {
        code = default;
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length is not (2 or 4 or 6) || !trimmed.All(char.IsAsciiDigit))
        {
            error = $"'{Shorten(text)}' is not a region code: use the GB/T 2260 code of 6 digits (e.g. 440305), or 2 digits for a province and 4 for a city.";
            return false;
        }
        var value = int.Parse(trimmed.PadRight(6, '0'), CultureInfo.InvariantCulture);
        if (value != 0 && value / 10000 < 11)
        {
            error = $"'{trimmed}' is not a region code: province codes run from 11 to 82.";
            return false;
        }
        code = new RegionCode(value);
        error = null;
        return true;
    }

    public static RegionCode FromValue(int value) =>
        value is >= 0 and <= 999999 ? new RegionCode(value) : throw new ArgumentOutOfRangeException(nameof(value));

    public int CompareTo(RegionCode other) => Value.CompareTo(other.Value);

    public override string ToString() => Value.ToString("D6", CultureInfo.InvariantCulture);
    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        Value.TryFormat(destination, out charsWritten, "D6", CultureInfo.InvariantCulture);

    private static string Shorten(string? text) => text is null ? "" : text.Length <= 20 ? text : text[..20] + "…";
}

public sealed class RegionCodeJsonConverter : JsonConverter<RegionCode>
{
    public override RegionCode Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
            throw new JsonException("A region code is a string of digits, e.g. \"440305\".");
        return RegionCode.TryParse(reader.GetString(), out var code, out var error) ? code : throw new JsonException(error);
    }

    public override void Write(Utf8JsonWriter writer, RegionCode value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
