using System.Globalization;
using System.Text;
using AntiFraud.Domain.Common;

namespace AntiFraud.Dashboard.Features.Incidents;

/// <summary>
/// Reading what a commander types into the action forms. Full-width digits from a Chinese input method and thousands
/// separators are accepted; each check answers with the key of the sentence that says what is wrong.
/// </summary>
public static class ActionInput
{
    /// <summary>An amount in yuan: more than zero, at most two decimals (fen), at most ten billion. Null key when valid.</summary>
    public static string? AmountError(string? text, out decimal amount)
    {
        amount = 0;
        var normal = Normalise(text).Replace(",", "", StringComparison.Ordinal);
        if (normal.Length == 0) return "Incident.Invalid.AmountRequired";
        // "1234." and ".5" are read as typed on the way to "1234.5" and "0.5": the field checks as the commander types.
        if (!normal.All(c => char.IsAsciiDigit(c) || c == '.') || normal.Count(c => c == '.') > 1 || normal == "."
            || !decimal.TryParse(normal, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out amount))
            return "Incident.Invalid.AmountFormat";
        if (amount <= 0) return "Incident.Invalid.AmountPositive";
        if (amount > Limits.MaxAmount) return "Incident.Invalid.AmountTooLarge";
        if (decimal.Round(amount, 2) != amount) return "Incident.Invalid.AmountDecimals";
        return null;
    }

    /// <summary>A whole number between <paramref name="min"/> and <paramref name="max"/>.</summary>
    public static bool TryCount(string? text, int min, int max, out int count)
    {
        var normal = Normalise(text).Replace(",", "", StringComparison.Ordinal);
        return int.TryParse(normal, NumberStyles.None, CultureInfo.InvariantCulture, out count) && count >= min && count <= max;
    }

    /// <summary>The region codes typed into one field, separated by commas, spaces or Chinese punctuation.</summary>
    public static IReadOnlyList<string> Codes(string? text) =>
        Normalise(text).Split([',', ' ', ';', '、'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Trimmed, with full-width digits and punctuation turned into their ASCII forms.</summary>
    private static string Normalise(string? text)
    {
        var builder = new StringBuilder((text ?? "").Trim().Normalize(NormalizationForm.FormKC));
        builder.Replace('，', ',').Replace('；', ';').Replace('。', '.');
        return builder.ToString();
    }
}
