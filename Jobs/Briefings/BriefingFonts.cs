using System.Collections.Concurrent;
using PdfSharp.Fonts;

namespace AntiFraud.Jobs.Briefings;

/// <summary>
/// The fonts shipped inside this assembly (Briefings/Fonts, see PROVENANCE.md there): Droid Sans Fallback for Chinese, Liberation
/// Sans for Latin letters and digits. PDFsharp reads no system fonts on Linux, so it gets them from here.
/// </summary>
public sealed class BriefingFonts : IFontResolver
{
    /// <summary>The family for CJK ideographs and Chinese punctuation (no bold face: PDFsharp simulates it).</summary>
    public const string Cjk = "Briefing CJK";
    /// <summary>The family for everything else.</summary>
    public const string Latin = "Briefing Sans";

    private const string CjkFace = "DroidSansFallbackFull";
    private const string LatinRegularFace = "LiberationSans-Regular";
    private const string LatinBoldFace = "LiberationSans-Bold";

    private static readonly object Gate = new();
    private static bool _installed;
    private readonly ConcurrentDictionary<string, byte[]> _bytes = new();

    /// <summary>Makes these fonts PDFsharp's for the process, once; PDFsharp refuses a second resolver after its first use.</summary>
    public static void Install()
    {
        if (Volatile.Read(ref _installed)) return;
        lock (Gate)
        {
            if (_installed) return;
            if (GlobalFontSettings.FontResolver is not BriefingFonts) GlobalFontSettings.FontResolver = new BriefingFonts();
            Volatile.Write(ref _installed, true);
        }
    }

    /// <summary>True for characters drawn with the CJK font: ideographs, kana, Chinese punctuation and full-width forms.</summary>
    public static bool IsCjk(char c) => c >= '\u2E80' && c is not (>= '\uFB00' and <= '\uFE2F');

    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) =>
        string.Equals(familyName, Cjk, StringComparison.OrdinalIgnoreCase)
            ? new FontResolverInfo(CjkFace, mustSimulateBold: bold, mustSimulateItalic: italic)
            : new FontResolverInfo(bold ? LatinBoldFace : LatinRegularFace, mustSimulateBold: false, mustSimulateItalic: italic);

    public byte[] GetFont(string faceName) => _bytes.GetOrAdd(faceName, Read);

    private static byte[] Read(string faceName)
    {
        var name = $"AntiFraud.Jobs.Briefings.Fonts.{faceName}.ttf";
        using var stream = typeof(BriefingFonts).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The briefing font {faceName} is missing from the build (resource {name}).");
        using var copy = new MemoryStream((int)stream.Length);
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
