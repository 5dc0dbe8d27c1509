using System.Globalization;
using AntiFraud.Domain.Briefings;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace AntiFraud.Jobs.Briefings;

/// <summary>
/// The briefing as an A4 PDF: the prose of <see cref="BriefingWriter"/>, a bar chart of the last 30 days after the overview and
/// one of the fraud-type shares after the types. Chinese and Latin runs are drawn with the font that has their glyphs; both are
/// embedded with a ToUnicode map, so the text can be searched and copied.
/// </summary>
public static class BriefingPdf
{
    private const double Margin = 56;
    private const double BodySize = 10.5;
    private const double LineHeight = BodySize * 1.75;
    private static readonly XColor Ink = XColor.FromArgb(0x1F, 0x29, 0x37);
    private static readonly XColor Muted = XColor.FromArgb(0x6B, 0x72, 0x80);
    private static readonly XColor Accent = XColor.FromArgb(0xB9, 0x1C, 0x1C);
    private static readonly XColor Bar = XColor.FromArgb(0x25, 0x63, 0xEB);
    private static readonly XColor Grid = XColor.FromArgb(0xE5, 0xE7, 0xEB);

    public static byte[] Render(Briefing briefing, BriefingLanguage language)
    {
        BriefingFonts.Install();
        var text = BriefingWriter.Write(briefing, language);
        using var document = new PdfDocument();
        document.Info.Title = $"{text.Title} · {text.DayText}";
        document.Info.Subject = text.DayText;
        document.Info.Creator = "Anti-Fraud Command Centre";
        document.Language = language == BriefingLanguage.English ? "en" : "zh-CN";

        using (var writer = new PageWriter(document, text.Labels.Footer, indentFirstLine: language == BriefingLanguage.Chinese))
        {
            writer.Header(text.Title, text.DayText);
            foreach (var section in text.Sections)
            {
                writer.Heading(section.Heading);
                foreach (var sentence in section.Sentences) writer.Paragraph(sentence);
                if (section.Key == "overview") writer.DailyChart(text.Labels.TrendChart, briefing.Facts.Last30Days, language);
                if (section.Key == "types") writer.TypeChart(text.Labels.TypeChart, briefing.Facts.TypeShares, language, text.Labels.NoIncidents);
            }
        }

        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    /// <summary>Writes down the page, starting a new one when the next block does not fit.</summary>
    private sealed class PageWriter : IDisposable
    {
        private readonly PdfDocument _document;
        private readonly string _footer;
        private readonly bool _indentFirstLine;
        private readonly Dictionary<(bool Cjk, double Size, bool Bold), XFont> _fonts = [];
        private PdfPage _page = null!;
        private XGraphics _gfx = null!;
        private double _y;
        private int _pageNumber;

        public PageWriter(PdfDocument document, string footer, bool indentFirstLine)
        {
            _document = document;
            _footer = footer;
            _indentFirstLine = indentFirstLine;
            NewPage();
        }

        private double Width => _page.Width.Point - 2 * Margin;
        private double Bottom => _page.Height.Point - Margin - 18;

        private void NewPage()
        {
            if (_gfx is not null) FinishPage();
            _page = _document.AddPage();
            _page.Size = PdfSharp.PageSize.A4;
            _gfx = XGraphics.FromPdfPage(_page);
            _pageNumber++;
            _y = Margin;
        }

        private void FinishPage()
        {
            var y = _page.Height.Point - Margin + 10;
            _gfx.DrawLine(new XPen(Grid, 0.6), Margin, y - 12, _page.Width.Point - Margin, y - 12);
            DrawRuns(_footer, Margin, y, 8, false, Muted);
            var number = _pageNumber.ToString(CultureInfo.InvariantCulture);
            DrawRuns(number, _page.Width.Point - Margin - Measure(number, 8, false), y, 8, false, Muted);
            _gfx.Dispose();
        }

        private void Ensure(double height)
        {
            if (_y + height > Bottom) NewPage();
        }

        public void Header(string title, string day)
        {
            _gfx.DrawRectangle(new XSolidBrush(Accent), Margin, _y, 4, 40);
            DrawRuns(title, Margin + 14, _y + 20, 19, true, Ink);
            DrawRuns(day, Margin + 14, _y + 38, 10.5, false, Muted);
            _y += 56;
            _gfx.DrawLine(new XPen(Grid, 1), Margin, _y, Margin + Width, _y);
            _y += 10;
        }

        public void Heading(string heading)
        {
            Ensure(LineHeight * 3);
            _y += 10;
            DrawRuns(heading, Margin, _y + 13, 12.5, true, Accent);
            _y += 22;
        }

        public void Paragraph(string sentence)
        {
            // Chinese paragraphs start two characters in, as in a printed report; English ones are set flush.
            var indent = _indentFirstLine ? 2 * BodySize : 0;
            var lines = Wrap(sentence, Width - indent, BodySize);
            for (var i = 0; i < lines.Count; i++)
            {
                Ensure(LineHeight);
                DrawRuns(lines[i], Margin + (i == 0 ? indent : 0), _y + BodySize + 2, BodySize, false, Ink);
                _y += LineHeight;
            }
            _y += 4;
        }

        /// <summary>Incidents per day over the 30 days ending on the briefing's day, the day itself in the accent colour.</summary>
        public void DailyChart(string title, IReadOnlyList<DailyPoint> points, BriefingLanguage language)
        {
            const double height = 120;
            Ensure(height + 50);
            _y += 6;
            DrawRuns(title, Margin, _y + 10, 9.5, true, Muted);
            _y += 18;
            var (left, top, width) = (Margin + 30, _y, Width - 30);
            var max = Math.Max(1, points.Count == 0 ? 1 : points.Max(p => p.Incidents));
            var scale = NiceCeiling(max);
            for (var i = 0; i <= 4; i++)
            {
                var gy = top + height - height * i / 4;
                _gfx.DrawLine(new XPen(Grid, 0.5), left, gy, left + width, gy);
                var label = (scale * i / 4).ToString("N0", CultureInfo.InvariantCulture);
                DrawRuns(label, left - 6 - Measure(label, 7.5, false), gy + 3, 7.5, false, Muted);
            }
            if (points.Count > 0)
            {
                var slot = width / points.Count;
                for (var i = 0; i < points.Count; i++)
                {
                    var h = height * points[i].Incidents / scale;
                    var color = i == points.Count - 1 ? Accent : Bar;
                    if (h > 0) _gfx.DrawRectangle(new XSolidBrush(color), left + i * slot + slot * 0.15, top + height - h, slot * 0.7, h);
                }
                var first = DayLabel(points[0].Day, language);
                var last = DayLabel(points[^1].Day, language);
                DrawRuns(first, left, top + height + 11, 7.5, false, Muted);
                DrawRuns(last, left + width - Measure(last, 7.5, false), top + height + 11, 7.5, false, Muted);
            }
            _y = top + height + 24;
        }

        /// <summary>Horizontal bars of each fraud type's share of the day's incidents, largest first.</summary>
        public void TypeChart(string title, IReadOnlyList<TypeShare> shares, BriefingLanguage language, string empty)
        {
            const double row = 15;
            var shown = shares.Take(8).ToList();
            Ensure(30 + Math.Max(1, shown.Count) * row);
            _y += 6;
            DrawRuns(title, Margin, _y + 10, 9.5, true, Muted);
            _y += 18;
            if (shown.Count == 0)
            {
                DrawRuns(empty, Margin, _y + 10, 9, false, Muted);
                _y += row + 6;
                return;
            }
            var names = shown.Select(s => BriefingWriter.TypeName(s.Type, language)).ToList();
            var labelWidth = Math.Min(170, names.Max(n => Measure(n, 8.5, false)) + 10);
            var barLeft = Margin + labelWidth;
            var barWidth = Width - labelWidth - 60;
            var max = shown.Max(s => s.Share);
            for (var i = 0; i < shown.Count; i++)
            {
                var y = _y + i * row;
                DrawRuns(names[i], Margin, y + 10, 8.5, false, Ink);
                var w = max == 0 ? 0 : (double)(shown[i].Share / max) * barWidth;
                _gfx.DrawRectangle(new XSolidBrush(BriefingFacts.HighIncidenceTypes.Contains(shown[i].Type) ? Accent : Bar), barLeft, y + 2, Math.Max(w, 1), row - 5);
                var pct = (shown[i].Share * 100m).ToString("0.0", CultureInfo.InvariantCulture) + "%";
                DrawRuns(pct, barLeft + w + 6, y + 10, 8.5, false, Muted);
            }
            _y += shown.Count * row + 8;
        }

        private static string DayLabel(DateOnly day, BriefingLanguage language) =>
            language == BriefingLanguage.English ? day.ToString("d MMM", CultureInfo.InvariantCulture) : $"{day.Month}月{day.Day}日";

        /// <summary>The top of a four-step axis with whole-number steps (1, 2, 3, 4, 5, 6 or 8 times a power of ten).</summary>
        private static double NiceCeiling(long max)
        {
            var quarter = Math.Max(1, max / 4.0);
            var magnitude = Math.Pow(10, Math.Floor(Math.Log10(quarter)));
            foreach (var step in new[] { 1, 2, 3, 4, 5, 6, 8, 10 })
                if (step * magnitude >= quarter) return 4 * step * magnitude;
            return 4 * quarter;
        }

        /// <summary>Breaks text into lines that fit: anywhere between Chinese characters, at spaces in Latin text.</summary>
        private List<string> Wrap(string text, double width, double size)
        {
            var lines = new List<string>();
            var line = "";
            foreach (var token in Tokens(text))
            {
                var candidate = line + token;
                if (line.Length > 0 && Measure(candidate.TrimEnd(), size, false) > width)
                {
                    lines.Add(line.TrimEnd());
                    line = token.TrimStart();
                }
                else line = candidate;
            }
            if (line.Trim().Length > 0) lines.Add(line.TrimEnd());
            return lines;
        }

        /// <summary>Units a line may not be broken inside: one Chinese character (with the punctuation that must follow it), or a Latin word with its space.</summary>
        private static IEnumerable<string> Tokens(string text)
        {
            var i = 0;
            while (i < text.Length)
            {
                var start = i;
                if (BriefingFonts.IsCjk(text[i]) && !char.IsHighSurrogate(text[i])) i++;
                else if (char.IsHighSurrogate(text[i])) i = Math.Min(text.Length, i + 2);
                else
                {
                    while (i < text.Length && !BriefingFonts.IsCjk(text[i]) && text[i] != ' ') i++;
                    while (i < text.Length && text[i] == ' ') i++;
                }
                // Closing punctuation never starts a line.
                while (i < text.Length && "，。、；：！？）》」”’%…".Contains(text[i])) i++;
                yield return text[start..i];
            }
        }

        private XFont Font(bool cjk, double size, bool bold)
        {
            if (!_fonts.TryGetValue((cjk, size, bold), out var font))
            {
                font = new XFont(cjk ? BriefingFonts.Cjk : BriefingFonts.Latin, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular,
                    new XPdfFontOptions(PdfFontEncoding.Unicode));
                _fonts[(cjk, size, bold)] = font;
            }
            return font;
        }

        private static IEnumerable<(string Text, bool Cjk)> Runs(string text)
        {
            var start = 0;
            for (var i = 1; i <= text.Length; i++)
            {
                if (i < text.Length && BriefingFonts.IsCjk(text[i]) == BriefingFonts.IsCjk(text[start])) continue;
                yield return (text[start..i], BriefingFonts.IsCjk(text[start]));
                start = i;
            }
        }

        private double Measure(string text, double size, bool bold) =>
            Runs(text).Sum(r => _gfx.MeasureString(r.Text, Font(r.Cjk, size, bold)).Width);

        /// <summary>Draws text on a baseline, each run in the font that has its glyphs.</summary>
        private void DrawRuns(string text, double x, double baseline, double size, bool bold, XColor color)
        {
            var brush = new XSolidBrush(color);
            foreach (var (run, cjk) in Runs(text))
            {
                var font = Font(cjk, size, bold);
                _gfx.DrawString(run, font, brush, new XPoint(x, baseline), XStringFormats.BaseLineLeft);
                x += _gfx.MeasureString(run, font).Width;
            }
        }

        public void Dispose() => FinishPage();
    }
}
