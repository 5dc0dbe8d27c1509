using AntiFraud.Domain.Regions;

namespace AntiFraud.Domain.Simulation;

/// <summary>
/// Where simulated things happen. Victims and warnings follow population: a province by its residents, then one of its counties
/// (urban districts a little busier, every county with a fixed spread of its own). Dens found in China and the home regions of
/// suspects concentrate in a few <see cref="SourceCounties"/>, as they do in reality, so card rules find a handful of places.
/// </summary>
public sealed class RegionWeights
{
    /// <summary>
    /// Residents of the 31 mainland provinces in ten-thousands: National Bureau of Statistics, Communiqué of the Seventh National
    /// Population Census No. 3 (2021-05-11), resident population on 2020-11-01.
    /// </summary>
    public static readonly IReadOnlyDictionary<int, int> ProvincePopulation = new Dictionary<int, int>
    {
        [11] = 2189, [12] = 1387, [13] = 7461, [14] = 3492, [15] = 2405, // 北京 天津 河北 山西 内蒙古
        [21] = 4259, [22] = 2407, [23] = 3185,                           // 辽宁 吉林 黑龙江
        [31] = 2487, [32] = 8475, [33] = 6457, [34] = 6103, [35] = 4154, [36] = 4519, [37] = 10153, // 上海 江苏 浙江 安徽 福建 江西 山东
        [41] = 9937, [42] = 5775, [43] = 6644, [44] = 12601, [45] = 5013, [46] = 1008, // 河南 湖北 湖南 广东 广西 海南
        [50] = 3205, [51] = 8367, [52] = 3856, [53] = 4721, [54] = 365,  // 重庆 四川 贵州 云南 西藏
        [61] = 3953, [62] = 2502, [63] = 592, [64] = 720, [65] = 2585,   // 陕西 甘肃 青海 宁夏 新疆
    };

    /// <summary>
    /// Counties long associated with telecom-fraud gangs in public reporting and national rectification campaigns. The list is
    /// illustrative: the simulator needs a few places where dens and perpetrators concentrate, not an assessment of any place.
    /// </summary>
    public static readonly IReadOnlyList<RegionCode> DefaultSourceCounties =
    [
        RegionCode.Parse("440904"), // 广东 茂名 电白区
        RegionCode.Parse("441581"), // 广东 汕尾 陆丰市
        RegionCode.Parse("445224"), // 广东 揭阳 惠来县
        RegionCode.Parse("350524"), // 福建 泉州 安溪县
        RegionCode.Parse("431321"), // 湖南 娄底 双峰县
        RegionCode.Parse("361127"), // 江西 上饶 余干县
        RegionCode.Parse("450126"), // 广西 南宁 宾阳县
        RegionCode.Parse("130826"), // 河北 承德 丰宁满族自治县
    ];

    private readonly Weighted<RegionCode> _counties;
    private readonly Weighted<RegionCode> _sources;

    public RegionWeights(RegionCatalog catalog, IEnumerable<RegionCode>? sourceCounties = null)
    {
        var provinces = new List<(RegionCode, double)>();
        var counties = new List<(RegionCode, double)>();
        foreach (var province in catalog.Root.Children)
        {
            if (!ProvincePopulation.TryGetValue(province.Code.Value / 10000, out var population)) continue;
            var inProvince = catalog.Subtree(province).ToArray().Where(r => r.Tier == RegionTier.County)
                .Select(r => (r.Code, Weight: CountyWeight(r))).ToList();
            if (inProvince.Count == 0) continue;
            var sum = inProvince.Sum(c => c.Weight);
            counties.AddRange(inProvince.Select(c => (c.Code, population * c.Weight / sum)));
            provinces.Add((province.Code, population));
        }
        _counties = new Weighted<RegionCode>(counties);
        Provinces = new Weighted<RegionCode>(provinces);

        var sources = (sourceCounties ?? DefaultSourceCounties)
            .Where(c => c.Tier == RegionTier.County && catalog.TryGet(c, out _)).Distinct().ToList();
        SourceCounties = sources.Count > 0 ? sources : [_counties.Values[0]];
        _sources = new Weighted<RegionCode>(SourceCounties.Select((c, i) => (c, 1.0 + 0.15 * (i % 3))));
    }

    /// <summary>The provinces with their population weights.</summary>
    public Weighted<RegionCode> Provinces { get; }

    public IReadOnlyList<RegionCode> SourceCounties { get; }

    /// <summary>A county by population: where a victim lives or a warning is dispatched.</summary>
    public RegionCode County(SimRandom random) => _counties.Pick(random);

    /// <summary>The county of a den found in China: mostly a source county.</summary>
    public RegionCode DenCounty(SimRandom random) => random.Chance(0.75) ? _sources.Pick(random) : _counties.Pick(random);

    /// <summary>A suspect's home county: about two in three come from a source county.</summary>
    public RegionCode HomeCounty(SimRandom random) => random.Chance(0.65) ? _sources.Pick(random) : _counties.Pick(random);

    /// <summary>The share of the nation's population in a province.</summary>
    public double ShareOf(RegionCode province) => Provinces.ShareOf(province);

    // Urban districts (区) are busier than rural counties; each county keeps a fixed spread of its own (from its code, not the seed).
    private static double CountyWeight(Region county)
    {
        var urban = county.Name.EndsWith('区') ? 1.4 : 1.0;
        var spread = SimRandom.For(0, "county-weight", county.Code.Value).LogNormal(1.0, 0.35);
        return urban * spread;
    }
}
