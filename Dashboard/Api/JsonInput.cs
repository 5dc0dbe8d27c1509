using System.Globalization;
using System.Text.Json;
using AntiFraud.Domain.Common;
using AntiFraud.Domain.Regions;

namespace AntiFraud.Dashboard.Api;

/// <summary>
/// Reads a JSON object field by field, collecting one error per bad field (named by JSON pointer) instead of stopping at the first:
/// a client learns everything that is wrong with its report in one answer.
/// </summary>
public sealed class JsonInput
{
    private readonly JsonElement _element;
    private readonly string _pointer;
    private readonly List<FieldError> _errors;
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    public JsonInput(JsonElement element, List<FieldError> errors, string pointer = "")
    {
        _element = element;
        _errors = errors;
        _pointer = pointer;
        if (element.ValueKind != JsonValueKind.Object) Error("", "Expected a JSON object.");
    }

    public IReadOnlyList<FieldError> Errors => _errors;
    public string Pointer => _pointer;

    public void Error(string field, string message) => _errors.Add(new FieldError(field.Length == 0 ? _pointer : $"{_pointer}/{field}", message));

    private JsonElement? Field(string name, bool required)
    {
        _known.Add(name);
        if (_element.ValueKind == JsonValueKind.Object && _element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null)
            return value;
        if (required) Error(name, "This field is required.");
        return null;
    }

    /// <summary>The string value, or null when the JSON string holds malformed Unicode (a lone surrogate escape).</summary>
    private static string? StringOf(JsonElement value)
    {
        try { return value.GetString(); }
        catch (InvalidOperationException) { return null; }
    }

    public string? Text(string name, bool required, int maxLength, int minLength = 1, bool multiline = false)
    {
        if (Field(name, required) is not { } value) return null;
        if (value.ValueKind != JsonValueKind.String) { Error(name, "Expected a string."); return null; }
        if (StringOf(value) is not { } text) { Error(name, "Contains malformed Unicode."); return null; }
        if (text.Length < minLength) { Error(name, minLength == 1 ? "Must not be empty." : $"At least {minLength} characters."); return null; }
        if (text.Length > maxLength) { Error(name, $"At most {maxLength} characters."); return null; }
        if (!IsWellFormed(text) || text.Any(c => char.IsControl(c) && !(multiline && c is '\n' or '\r' or '\t')))
        { Error(name, "Contains control characters or malformed Unicode."); return null; }
        return text;
    }

    public decimal? Amount(string name, bool required)
    {
        if (Field(name, required) is not { } value) return null;
        if (value.ValueKind != JsonValueKind.Number) { Error(name, "Expected a number (yuan)."); return null; }
        if (!value.TryGetDecimal(out var amount)) { Error(name, "The number is out of range."); return null; }
        if (amount < 0) { Error(name, "Must not be negative."); return null; }
        if (amount > Limits.MaxAmount) { Error(name, "Over 10 billion yuan: refused as absurd."); return null; }
        if (decimal.Round(amount, 2) != amount) { Error(name, "At most two decimals (fen)."); return null; }
        return amount;
    }

    public long? Count(string name, bool required, long max)
    {
        if (Field(name, required) is not { } value) return null;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var n)) { Error(name, "Expected a whole number."); return null; }
        if (n < 0 || n > max) { Error(name, $"Must be between 0 and {max.ToString("N0", CultureInfo.InvariantCulture)}."); return null; }
        return n;
    }

    public T? Choice<T>(string name, bool required) where T : struct, Enum
    {
        if (Field(name, required) is not { } value) return null;
        if (value.ValueKind == JsonValueKind.String && StringOf(value) is { Length: > 0 } name2 && !char.IsDigit(name2[0])
            && Enum.TryParse<T>(name2, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed))
            return parsed;
        Error(name, $"Expected one of: {string.Join(", ", Enum.GetNames<T>())}.");
        return null;
    }

    /// <summary>An ISO-8601 time that states its offset (Z or ±hh:mm), so "today" in China is never guessed.</summary>
    public DateTimeOffset? Time(string name, bool required)
    {
        if (Field(name, required) is not { } value) return null;
        var text = value.ValueKind == JsonValueKind.String ? StringOf(value) ?? "" : "";
        if (text.Length is >= 20 and <= 40 && (text.EndsWith('Z') || text[^6] is '+' or '-')
            && DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            return time;
        Error(name, "Expected an ISO-8601 time with its offset, e.g. 2026-11-26T08:30:00+08:00.");
        return null;
    }

    public DateOnly? Day(string name, bool required)
    {
        if (Field(name, required) is not { } value) return null;
        if (value.ValueKind == JsonValueKind.String && DateOnly.TryParseExact(StringOf(value), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return day;
        Error(name, "Expected a China date as YYYY-MM-DD.");
        return null;
    }

    public RegionCode? Region(string name, bool required)
    {
        if (Field(name, required) is not { } value) return null;
        if (value.ValueKind != JsonValueKind.String) { Error(name, "Expected a region code as a string, e.g. \"440305\"."); return null; }
        if (RegionCode.TryParse(StringOf(value), out var code, out var error)) return code;
        Error(name, error);
        return null;
    }

    public IReadOnlyList<RegionCode>? Regions(string name, bool required, int max)
    {
        if (Field(name, required) is not { } value) return null;
        if (value.ValueKind != JsonValueKind.Array) { Error(name, "Expected an array of region codes."); return null; }
        if (value.GetArrayLength() > max) { Error(name, $"At most {max} entries."); return null; }
        var codes = new List<RegionCode>();
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String && RegionCode.TryParse(StringOf(item), out var code, out _)) codes.Add(code);
            else Error($"{name}/{i}", "Expected a region code as a string, e.g. \"440305\".");
            i++;
        }
        return codes;
    }

    public JsonInput? Object(string name, bool required)
    {
        if (Field(name, required) is not { } value) return null;
        if (value.ValueKind != JsonValueKind.Object) { Error(name, "Expected an object."); return null; }
        return new JsonInput(value, _errors, $"{_pointer}/{name}");
    }

    /// <summary>Call last: fields the reader did not ask for are refused, so a misspelt field never passes silently.</summary>
    public void RejectUnknownFields()
    {
        if (_element.ValueKind != JsonValueKind.Object) return;
        foreach (var property in _element.EnumerateObject())
        {
            string name;
            try { name = property.Name; }
            catch (InvalidOperationException) { Error("", "A field name contains malformed Unicode."); continue; }
            if (!_known.Contains(name)) Error(Shorten(name), "Unknown field.");
        }
    }

    private static string Shorten(string name) =>
        new(name.Take(40).Select(c => char.IsControl(c) || c == '/' ? '_' : c).ToArray());

    private static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
            if (char.IsSurrogate(text[i])) return false;
        }
        return true;
    }
}
