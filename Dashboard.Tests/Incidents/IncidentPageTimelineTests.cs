using AntiFraud.Dashboard.Features.Incidents;
using AntiFraud.Dashboard.Tests.Harness;
using AntiFraud.Domain.Incidents;
using AntiFraud.Domain.Regions;
using Bunit;
using static AntiFraud.Dashboard.Tests.Incidents.IncidentPageStates;

namespace AntiFraud.Dashboard.Tests.Incidents;

/// <summary>The facts and the history of an incident as a commander reads them: China time, region names, text as typed.</summary>
public sealed class IncidentPageTimelineTests : ComponentTestContext
{
    private static readonly RegionCatalog Catalog = RegionCatalog.Load();
    private static readonly RegionCode Shenzhen = RegionCode.Parse("440300");
    private static readonly RegionCode Guangdong = RegionCode.Parse("440000");

    // 13:30 UTC is 21:30 in Beijing; the steps follow at whole minutes.
    private static readonly DateTimeOffset Start = new(2026, 3, 14, 13, 30, 0, TimeSpan.Zero);

    public IncidentPageTimelineTests() => Services.AddSingleton(Catalog);

    private static IncidentReported Report(string? summary = null) =>
        new(Guid.NewGuid(), "ext-1", Nanshan, Guangdong, Start.AddHours(-1), FraudType.FakeInvestment, Channel.InstantMessaging, PaymentTool.Alipay,
            88_000m, new Victim(AgeBand.From60, Occupation.Retired), new DenLocation(DenCountry.Cambodia, null), summary, Start, "h");

    [Fact]
    public void Every_step_shows_what_when_in_China_time_which_centre_and_its_amount_or_detail_in_order()
    {
        object[] events =
        [
            Report(),
            new FundsFrozen(Nanshan, 30_000m, Shenzhen, Start.AddMinutes(5), "a", "h"),
            new CaseFiled(Nanshan, "SZ-0457", Nanshan, Start.AddMinutes(9), "b", "h"),
            new SuspectsIdentified(Nanshan, 2, [RegionCode.Parse("510104"), RegionCode.Parse("350203")], Nanshan, Start.AddMinutes(12), "c", "h"),
            new IncidentEscalated(Nanshan, Guangdong, "跨省团伙", Shenzhen, Start.AddMinutes(15), "d", "h"),
            new IncidentClosed(Nanshan, "已办结", Guangdong, Start.AddMinutes(20), "e", "h"),
        ];

        var timeline = Render<IncidentTimeline>(p => p.Add(t => t.Events, events));

        var items = timeline.FindAll("[data-testid=timeline-item]");
        Assert.Equal(["Reported", "FundsFrozen", "CaseFiled", "SuspectsIdentified", "IncidentEscalated", "IncidentClosed"], items.Select(i => i.GetAttribute("data-type")));
        Assert.Equal("2026-03-14 21:30:00", items[0].QuerySelector("time")!.TextContent);
        Assert.Equal("2026-03-14 21:35:00", items[1].QuerySelector("time")!.TextContent);
        Assert.Contains("88,000.00", items[0].TextContent);
        Assert.Contains("30,000.00", items[1].TextContent);
        Assert.Contains(Catalog.Get(Guangdong).Name, items[0].QuerySelector(".timeline-centre")!.TextContent);
        Assert.Contains(Catalog.Get(Shenzhen).Name, items[1].QuerySelector(".timeline-centre")!.TextContent);
        Assert.Contains("SZ-0457", items[2].TextContent);
        Assert.Contains(Catalog.Get(RegionCode.Parse("510104")).Name, items[3].TextContent);
        Assert.Contains(Catalog.Get(RegionCode.Parse("350203")).Name, items[3].TextContent);
        Assert.DoesNotContain("510104", items[3].TextContent);
        Assert.Contains(Catalog.Get(Guangdong).Name, items[4].QuerySelector(".timeline-detail")!.TextContent);
        Assert.Contains("跨省团伙", items[4].TextContent);
        Assert.Contains("已办结", items[5].TextContent);
        Assert.All(items, i => Assert.False(string.IsNullOrWhiteSpace(i.QuerySelector(".timeline-what")!.TextContent)));
        Assert.Equal(items.Count, items.Select(i => i.QuerySelector(".timeline-what")!.TextContent).Distinct().Count());
    }

    [Fact]
    public void The_facts_give_the_place_with_its_city_and_province_China_times_and_the_summary_as_typed()
    {
        const string summary = "<script>alert(1)</script><b>粗体</b>\n第二行";
        var report = Report(summary);
        var details = new IncidentDetailsProjection().Evolve(null, report.IncidentId, new JasperFx.Events.Event<IncidentReported>(report));

        var facts = Render<IncidentFacts>(p => p.Add(f => f.Details, details).Add(f => f.HandlingTier, Nanshan));

        var place = facts.Find("[data-testid=fact-place]").TextContent;
        foreach (var code in new[] { "440000", "440300", "440305" })
            Assert.Contains(Catalog.Get(RegionCode.Parse(code)).Name, place);
        Assert.Contains("2026-03-14 20:30", facts.Markup);
        Assert.Contains("2026-03-14 21:30", facts.Markup);
        var shown = facts.Find("[data-testid=fact-summary]");
        Assert.Equal(summary, shown.TextContent);
        Assert.Empty(shown.QuerySelectorAll("script, b"));
    }
}
