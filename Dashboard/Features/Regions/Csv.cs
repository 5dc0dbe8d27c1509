using System.Text;

namespace AntiFraud.Dashboard.Features.Regions;

/// <summary>
/// Comma-separated values as Excel and WPS open them: RFC 4180 quoting, CRLF line ends, UTF-8 with a byte-order mark
/// (without it Excel reads Chinese as mojibake).
/// </summary>
public static class Csv
{
    public const string ContentType = "text/csv;charset=utf-8";

    public static string Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var text = new StringBuilder();
        Line(text, header);
        foreach (var row in rows) Line(text, row);
        return text.ToString();
    }

    /// <summary>The text as UTF-8 bytes preceded by the byte-order mark EF BB BF.</summary>
    public static byte[] Utf8WithBom(string text) => [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(text)];

    /// <summary>
    /// A text cell that a spreadsheet must not run as a formula: one starting with = + - @ or a control character gets a leading
    /// apostrophe. Only for free text (names); numbers are written as they are.
    /// </summary>
    public static string Text(string value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;

    private static void Line(StringBuilder text, IReadOnlyList<string> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0) text.Append(',');
            text.Append(Quote(cells[i]));
        }
        text.Append("\r\n");
    }

    private static string Quote(string cell) =>
        cell.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
}
