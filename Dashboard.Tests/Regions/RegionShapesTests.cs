using AntiFraud.Domain.Regions;

namespace AntiFraud.Dashboard.Tests.Regions;

public sealed class RegionShapesTests
{
    private static readonly RegionCatalog Catalog = RegionCatalog.Load();
    private static readonly RegionShapes Shapes = new();

    [Fact]
    public void Every_province_has_an_outline_and_the_national_map_shows_Taiwan_Hong_Kong_Macao_and_the_South_China_Sea_islands()
    {
        Assert.All(Catalog.OfTier(RegionTier.Province), p => Assert.NotNull(Shapes.Find(p.Code)));
        Assert.Equal(["台湾", "香港", "澳门", "南海诸岛"],
            Shapes.ContextFor(RegionCode.National).OrderBy(s => s.Key == "ctx:nanhai").ThenBy(s => s.Key).Select(s => s.Name));
    }

    [Fact]
    public void Nearly_every_city_and_county_has_an_outline()
    {
        var cities = Catalog.OfTier(RegionTier.City).ToList();
        var counties = Catalog.OfTier(RegionTier.County).ToList();

        Assert.True(cities.Count(c => Shapes.Find(c.Code) is not null) >= cities.Count * 0.95);
        Assert.True(counties.Count(c => Shapes.Find(c.Code) is not null) >= counties.Count * 0.90);
    }

    [Fact]
    public void Every_region_without_an_outline_is_listed_in_the_shapes_report_with_a_reason()
    {
        var reported = File.ReadAllLines(Path.Combine(SourceRoot(), "Domain", "Regions", "Data", "shapes-report.tsv"))
            .Skip(1)
            .Select(l => l.Split('\t'))
            .Where(p => p.Length >= 4 && p[0].Length == 6)
            .ToDictionary(p => p[0], p => p[3]);
        var shapeless = Catalog.Subtree(Catalog.Root).ToArray()
            .Where(r => r.Tier != RegionTier.National && Shapes.Find(r.Code) is null)
            .Select(r => r.Code.ToString())
            .ToList();

        Assert.Empty(shapeless.Except(reported.Keys));
        Assert.All(shapeless, code => Assert.False(string.IsNullOrWhiteSpace(reported[code])));
    }

    [Fact]
    public void Outlines_are_SVG_paths_inside_their_stated_bounds()
    {
        var guangzhou = Shapes.Find(RegionCode.Parse("4401"))!;

        Assert.StartsWith("M", guangzhou.Path);
        Assert.True(guangzhou.Bounds[0] < guangzhou.Bounds[2] && guangzhou.Bounds[1] < guangzhou.Bounds[3]);
        // Guangzhou lies near 113.3°E, 23.1°N; y grows downward (negative Mercator degrees × 1000).
        Assert.InRange(guangzhou.Bounds[0], 112_900, 113_500);
        Assert.InRange(guangzhou.Bounds[3], -23_500, -22_000);
    }

    internal static string SourceRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "AntiFraudCenter.sln"))) return dir.FullName;
        throw new InvalidOperationException("Tests run from inside the repository.");
    }
}
