using System.Collections.Concurrent;
using System.Text.Json;

namespace AntiFraud.Domain.Regions;

/// <summary>
/// A region's outline as SVG path data in projected units (Web Mercator, 1/1000 degree), simplified for drawing at its parent's scale.
/// <paramref name="Bounds"/> is [minX, minY, maxX, maxY].
/// </summary>
public sealed record RegionShape(string Key, int[] Bounds, string Path, string? Name = null);

/// <summary>
/// Map outlines shipped with the product (Regions/Data/shapes/NN.json, built by tools/regions): one file for the provinces and
/// one per province, each read once on first use.
/// </summary>
public sealed class RegionShapes
{
    private const string ContextPrefix = "ctx:";
    private readonly ConcurrentDictionary<string, Lazy<IReadOnlyDictionary<string, RegionShape>>> _files = new();

    /// <summary>The outline of <paramref name="code"/>, or null when the sources hold none (see shapes-report.tsv).</summary>
    public RegionShape? Find(RegionCode code)
    {
        if (code.Tier == RegionTier.National) return null;
        var file = code.Tier == RegionTier.Province ? "00" : code.ProvinceDigits;
        return File(file).TryGetValue(code.ToString(), out var shape) ? shape : null;
    }

    /// <summary>Shapes drawn around the children of <paramref name="parent"/> for context but not part of the catalogue
    /// (on the national map: Taiwan, Hong Kong, Macao and the South China Sea islands).</summary>
    public IEnumerable<RegionShape> ContextFor(RegionCode parent) =>
        parent.Tier == RegionTier.National
            ? File("00").Values.Where(s => s.Key.StartsWith(ContextPrefix, StringComparison.Ordinal)).OrderBy(s => s.Key, StringComparer.Ordinal)
            : [];

    private IReadOnlyDictionary<string, RegionShape> File(string name) =>
        _files.GetOrAdd(name, n => new Lazy<IReadOnlyDictionary<string, RegionShape>>(() => Read(n))).Value;

    private static IReadOnlyDictionary<string, RegionShape> Read(string name)
    {
        using var stream = typeof(RegionShapes).Assembly.GetManifestResourceStream($"AntiFraud.Domain.Regions.shapes.{name}.json");
        if (stream is null) return new Dictionary<string, RegionShape>();
        var raw = JsonSerializer.Deserialize<Dictionary<string, RawShape>>(stream) ?? [];
        return raw.ToDictionary(e => e.Key, e => new RegionShape(e.Key, e.Value.b, e.Value.d, e.Value.n));
    }

#pragma warning disable IDE1006 // the file's field names are kept one letter long to keep it small
    private sealed record RawShape(int[] b, string d, string? n);
#pragma warning restore IDE1006
}
