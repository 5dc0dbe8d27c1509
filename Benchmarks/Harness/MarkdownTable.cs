using System.Text;

namespace AntiFraud.Benchmarks.Harness;

/// <summary>
/// A Markdown table padded for reading in a terminal. A header ending in ':' is right-aligned (as <c>---:</c> does in Markdown);
/// the colon is not printed.
/// </summary>
public sealed class MarkdownTable
{
    private readonly string[] _headers;
    private readonly bool[] _right;
    private readonly List<string[]> _rows = [];

    public MarkdownTable(params string[] headers)
    {
        _right = headers.Select(h => h.EndsWith(':')).ToArray();
        _headers = headers.Select(h => h.TrimEnd(':')).ToArray();
    }

    public MarkdownTable Add(params string[] cells)
    {
        if (cells.Length != _headers.Length)
            throw new ArgumentException($"A row of this table has {_headers.Length} cells, not {cells.Length}.", nameof(cells));
        _rows.Add(cells.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal)).ToArray());
        return this;
    }

    public void WriteTo(TextWriter output)
    {
        var widths = _headers.Select((h, i) => Math.Max(Math.Max(Width(h), 3), _rows.Count == 0 ? 0 : _rows.Max(r => Width(r[i])))).ToArray();
        output.WriteLine(Line(_headers));
        output.WriteLine("|" + string.Join("|", widths.Select((w, i) => " " + (_right[i] ? new string('-', w - 1) + ":" : new string('-', w)) + " ")) + "|");
        foreach (var row in _rows) output.WriteLine(Line(row));

        string Line(string[] cells) =>
            "|" + string.Join("|", cells.Select((c, i) => " " + (_right[i] ? Pad(c, widths[i], left: true) : Pad(c, widths[i], left: false)) + " ")) + "|";
    }

    private static string Pad(string text, int width, bool left)
    {
        var padding = new string(' ', Math.Max(0, width - Width(text)));
        return left ? padding + text : text + padding;
    }

    // East Asian characters take two columns in a terminal; counting them so keeps the pipes aligned.
    private static int Width(string text)
    {
        var width = 0;
        foreach (var rune in text.EnumerateRunes())
            width += rune.Value is >= 0x1100 and (<= 0x115F or (>= 0x2E80 and <= 0xA4CF) or (>= 0xAC00 and <= 0xD7A3) or (>= 0xF900 and <= 0xFAFF) or (>= 0xFF00 and <= 0xFF60) or (>= 0xFFE0 and <= 0xFFE6)) ? 2 : 1;
        return width;
    }
}
