using AntiFraud.Dashboard.Features.Regions;
using AntiFraud.Dashboard.Tests.Harness;
using AntiFraud.Domain.Cards;
using AntiFraud.Domain.Regions;
using Bunit;

namespace AntiFraud.Dashboard.Tests.Regions;

public sealed class RegionMapTests : ComponentTestContext
{
    private static readonly RegionCatalog Catalog = RegionCatalog.Load();
    private static readonly RegionShapes Shapes = new();
    private readonly Region _guangdong = Catalog.Get(RegionCode.Parse("44"));

    public RegionMapTests()
    {
        Services.AddSingleton(Shapes);
    }

    private static RegionCode Code(string text) => RegionCode.Parse(text);

    [Fact]
    public void Draws_every_child_with_an_outline_as_a_link_to_its_region_page()
    {
        var map = Render<RegionMap>(p => p.Add(m => m.Parent, _guangdong));

        var links = map.FindAll("svg a.region-link");
        Assert.Equal(_guangdong.Children.Count(c => Shapes.Find(c.Code) is not null), links.Count);
        Assert.Equal("regions/440300", map.Find("a.region-link[data-code='440300']").GetAttribute("href"));
        Assert.Contains("深圳市", map.Find("a.region-link[data-code='440300'] > title").TextContent);
    }

    [Fact]
    public void Without_values_every_child_has_the_same_neutral_colour_and_the_legend_says_there_are_no_figures()
    {
        var map = Render<RegionMap>(p => p.Add(m => m.Parent, _guangdong));

        Assert.Single(map.FindAll("path.region").Select(e => e.GetAttribute("fill")).Distinct());
        Assert.Contains("尚无统计数据", map.Find(".region-map-legend").TextContent);
    }

    [Fact]
    public void Colours_follow_the_values_from_dark_for_little_to_bright_for_much_and_nothing_is_darker_still()
    {
        var values = new Dictionary<RegionCode, double> { [Code("4403")] = 100, [Code("4401")] = 50, [Code("4405")] = 1 };

        var map = Render<RegionMap>(p => p.Add(m => m.Parent, _guangdong).Add(m => m.Values, values).Add(m => m.MetricName, "今日警情"));

        string FillOf(string code) => map.Find($"a.region-link[data-code='{code}'] path.region").GetAttribute("fill")!;
        Assert.Equal(MapScale.Colours[^1], FillOf("440300"));
        Assert.Equal(MapScale.Colours[2], FillOf("440100"));
        Assert.Equal(MapScale.Colours[0], FillOf("440500"));
        Assert.Equal(MapScale.ZeroColour, FillOf("440200"));
        Assert.Contains("今日警情", map.Find(".region-map-legend").TextContent);
        Assert.Contains("80 – 100", map.Find(".legend-scale").TextContent);
    }

    [Fact]
    public void New_values_recolour_the_map_in_place()
    {
        var map = Render<RegionMap>(p => p.Add(m => m.Parent, _guangdong)
            .Add(m => m.Values, new Dictionary<RegionCode, double> { [Code("4403")] = 100, [Code("4401")] = 1 }));

        map.Render(p => p.Add(m => m.Values, new Dictionary<RegionCode, double> { [Code("4403")] = 1, [Code("4401")] = 100 }));

        Assert.Equal(MapScale.Colours[0], map.Find("a.region-link[data-code='440300'] path.region").GetAttribute("fill"));
        Assert.Equal(MapScale.Colours[^1], map.Find("a.region-link[data-code='440100'] path.region").GetAttribute("fill"));
    }

    [Fact]
    public void Regions_holding_a_card_are_outlined_and_hatched_in_the_cards_colour_and_listed_in_the_legend()
    {
        var cards = new Dictionary<RegionCode, CardLevel> { [Code("4409")] = CardLevel.Red, [Code("4415")] = CardLevel.Yellow, [Code("4452")] = CardLevel.Yellow };

        var map = Render<RegionMap>(p => p.Add(m => m.Parent, _guangdong).Add(m => m.Cards, cards));

        var red = map.Find("a.region-link[data-code='440900'] path.card-mark");
        Assert.Equal("#ff4d4f", red.GetAttribute("stroke"));
        Assert.Equal("url(#hatch-red)", red.GetAttribute("fill"));
        Assert.Equal("#ffc53d", map.Find("a.region-link[data-code='441500'] path.card-mark").GetAttribute("stroke"));
        Assert.Contains("红牌", map.Find("a.region-link[data-code='440900'] > title").TextContent);
        Assert.Empty(map.FindAll("a.region-link[data-code='440300'] path.card-mark"));
        var legend = map.Find(".legend-cards").TextContent;
        Assert.Contains("红牌 · 1", legend);
        Assert.Contains("黄牌 · 2", legend);
    }

    [Fact]
    public void A_pulse_marks_the_child_that_contains_the_place_where_something_happened()
    {
        var map = Render<RegionMap>(p => p.Add(m => m.Parent, _guangdong)
            .Add(m => m.Pulses, [new MapPulse(1, Code("440305"))]));

        var pulse = map.Find(".pulse-layer .pulse");
        Assert.Equal("440300", pulse.GetAttribute("data-code"));
    }

    [Fact]
    public void Children_without_an_outline_appear_as_tiles_ranked_by_value()
    {
        // Xingtai: two districts re-divided in 2020 after the boundary source was drawn, and a development zone.
        var parent = Catalog.Get(Code("1305"));
        var shapeless = parent.Children.Where(c => Shapes.Find(c.Code) is null).ToList();
        Assert.Contains(shapeless, r => r.Name == "襄都区");
        var values = shapeless.Select((r, i) => (r.Code, Value: (double)i + 1)).ToDictionary(x => x.Code, x => x.Value);

        var map = Render<RegionMap>(p => p.Add(m => m.Parent, parent).Add(m => m.Values, values));

        var tiles = map.FindAll("a.region-tile");
        Assert.Equal(shapeless.Count, tiles.Count);
        Assert.Equal(shapeless.OrderByDescending(r => values[r.Code]).Select(r => r.Code.ToString()), tiles.Select(t => t.GetAttribute("data-code")));
        Assert.Equal($"regions/{shapeless[0].Code}", map.Find($"a.region-tile[data-code='{shapeless[0].Code}']").GetAttribute("href"));
    }
}
