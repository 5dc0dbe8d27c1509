using AntiFraud.Dashboard.Features.Cards;
using AntiFraud.Dashboard.Live;
using AntiFraud.Domain.Cards;
using AntiFraud.Domain.Regions;
using Bunit;

namespace AntiFraud.Dashboard.Tests.Cards;

/// <summary>What a commander reads on the cards page: the cards held now and why, the history, and empty states that say why.</summary>
public sealed class CardsPageTests : CardsPageContext
{
    [Fact]
    public async Task Cards_held_are_listed_red_first_each_with_its_rule_and_the_indicators_that_crossed_their_lines()
    {
        await AppendAsync(YellowForDens(Nanshan), RedForDensAndVictims(Baoan));

        var page = RenderPage();

        Assert.Equal([(Baoan.ToString(), "Red"), (Nanshan.ToString(), "Yellow")], ActiveRows(page));
        Assert.Contains("红牌 1 · 黄牌 1", page.Find("[data-testid=cards-counts]").TextContent);

        var nanshanRow = page.Find($"[data-testid=card-row][data-region='{Nanshan}']").Closest("tr")!;
        Assert.Contains("南山区", nanshanRow.TextContent);
        Assert.Contains("广东省 · 深圳市", nanshanRow.TextContent);
        Assert.Contains("黄牌", nanshanRow.QuerySelector("[data-testid=card-level]")!.TextContent);
        Assert.Equal("2026-11-02 00:30", nanshanRow.QuerySelector("[data-testid=card-since]")!.TextContent);
        Assert.Equal("单项指标超线", nanshanRow.QuerySelector("[data-testid=card-rule]")!.TextContent);
        var nanshan = ExplanationOf(page, Nanshan);
        Assert.Contains("1 项指标达到警戒线（2 项及以上挂红牌），挂黄牌。", nanshan);
        Assert.Contains("近3个月（2026-08-01至2026-10-31）窝点 12 个，超过警戒线 5 个（同级前1%，且不少于3）。", nanshan);
        // Only the indicators that crossed explain the card; the victims stayed under their line.
        Assert.DoesNotContain("受骗群众", nanshan);

        var baoan = ExplanationOf(page, Baoan);
        Assert.Contains("2 项指标达到警戒线", baoan);
        Assert.Contains("窝点 12 个，超过警戒线 5 个", baoan);
        Assert.Contains("受骗群众 40 人，超过警戒线 10 人（同级前1%，且不少于10）", baoan);

        // A yellow card can be escalated or lifted; a red one only lifted.
        Assert.Single(page.FindAll($"button[data-action=Escalate][data-region='{Nanshan}']"));
        Assert.Empty(page.FindAll($"button[data-action=Escalate][data-region='{Baoan}']"));
        Assert.Single(page.FindAll($"button[data-action=Lift][data-region='{Baoan}']"));
        Assert.Equal("为南山区摘牌", page.Find($"button[data-action=Lift][data-region='{Nanshan}']").GetAttribute("aria-label"));
    }

    [Fact]
    public async Task The_history_lists_every_decision_in_the_subtree_newest_first_with_who_decided()
    {
        await AppendAsync(YellowForDens(Nanshan), RedForDensAndVictims(Baoan),
            new CardEscalated(Nanshan, CardLevel.Yellow, CardLevel.Red, CardRuleNames.Manual, [], default, default, CardDecidedBy.Commander,
                RegionCode.Parse("440000"), "窝点反弹，群众举报集中", Evaluated.AddDays(3)),
            YellowForDens(Haidian));

        var page = RenderPage();

        // Haidian's card was decided at the same time as Nanshan's first one: the tie is broken by the region code.
        Assert.Equal(
            [(Nanshan.ToString(), "Escalated"), (Baoan.ToString(), "Issued"), (Haidian.ToString(), "Issued"), (Nanshan.ToString(), "Issued")],
            HistoryRows(page));
        var escalation = page.FindAll("[data-testid=history-row]")[0].Closest("tr")!.TextContent;
        Assert.Contains("2026-11-05 00:30", escalation);
        Assert.Contains("广东省反诈中心（人工）", escalation);
        Assert.Contains("广东省反诈中心人工决定：黄牌升为红牌。", escalation);
        Assert.Contains("理由：窝点反弹，群众举报集中", escalation);
        Assert.Contains("规则自动评估", page.FindAll("[data-testid=history-row]")[1].Closest("tr")!.TextContent);
    }

    [Fact]
    public async Task A_province_sees_only_the_cards_inside_it_and_its_breadcrumb_leads_back_to_the_nation()
    {
        await AppendAsync(YellowForDens(Nanshan), YellowForDens(Haidian));

        var page = RenderPage("440000");

        Assert.Equal([(Nanshan.ToString(), "Yellow")], ActiveRows(page));
        Assert.Equal([(Nanshan.ToString(), "Issued")], HistoryRows(page));
        Assert.Contains("广东省", page.Find("h1").TextContent);
        Assert.Equal("cards", page.Find("[data-testid=breadcrumb] a").GetAttribute("href"));
    }

    [Fact]
    public async Task With_no_card_in_the_region_the_page_says_so_and_when_the_rules_run()
    {
        await AppendAsync(YellowForDens(Nanshan));

        var page = RenderPage("110000");

        Assert.Equal(nameof(CardsPage.LoadState.Ready), State(page));
        Assert.Empty(ActiveRows(page));
        var empty = page.Find("[data-testid=active-empty]").TextContent;
        Assert.Contains("北京市范围内目前没有地区被挂牌", empty);
        Assert.Contains("每天北京时间 00:30 自动评估", empty);
        Assert.Contains("北京市范围内还没有任何挂牌、升级或摘牌记录", page.Find("[data-testid=history-empty]").TextContent);
        Assert.Contains("红牌 0 · 黄牌 0", page.Find("[data-testid=cards-counts]").TextContent);
    }

    [Fact]
    public async Task A_lifted_card_leaves_the_active_list_but_stays_in_the_history_with_its_improvement()
    {
        await AppendAsync(YellowForDens(Nanshan),
            new CardLifted(Nanshan, CardLevel.Yellow, CardRuleNames.Improved,
                [new IndicatorReading(CardIndicator.Dens, 3, 5, false, [2, 1, 0]), new IndicatorReading(CardIndicator.Victims, 4, 10, false, [2, 1, 1])],
                new DateOnly(2026, 9, 1), new DateOnly(2026, 11, 30), CardDecidedBy.Rules, RegionCode.National, "", Evaluated.AddMonths(1)));

        var page = RenderPage();

        Assert.Empty(ActiveRows(page));
        Assert.NotNull(page.Find("[data-testid=active-empty]"));
        Assert.Equal([(Nanshan.ToString(), "Lifted"), (Nanshan.ToString(), "Issued")], HistoryRows(page));
        var lifted = page.FindAll("[data-testid=history-explanation]")[0].TextContent;
        Assert.Contains("所涉指标均已低于警戒线，并连续 2 个月下降，摘牌。", lifted);
        Assert.Contains("近3个月（2026-09-01至2026-11-30）窝点 3 个，低于警戒线 5 个（同级前1%，且不少于3），已连续 2 个月下降", lifted);
    }

    [Fact]
    public async Task A_card_decided_elsewhere_appears_without_a_refresh_and_the_page_says_when_it_changed()
    {
        await AppendAsync(YellowForDens(Nanshan));
        var page = RenderPage("440000");
        Assert.Equal([(Nanshan.ToString(), "Yellow")], ActiveRows(page));
        Assert.Contains("辖区内的挂牌、升级和摘牌会自动显示在本页", page.Find("[data-testid=cards-live]").TextContent);

        // Another commander (or the nightly rules) gives Bao'an a red card; the node's relay tells the open page.
        var red = RedForDensAndVictims(Baoan);
        await AppendAsync(red);
        Feed.Publish(new CardIssuedMessage(Baoan.ToString(), CardLevel.Red, red.Rule, false, red.At, 1));
        // A card outside the page's province is not its business.
        Feed.Publish(new CardIssuedMessage(Haidian.ToString(), CardLevel.Red, red.Rule, false, red.At, 2));

        page.WaitForState(() => ActiveRows(page).Count == 2, TimeSpan.FromSeconds(10));
        Assert.Equal([(Baoan.ToString(), "Red"), (Nanshan.ToString(), "Yellow")], ActiveRows(page));
        Assert.Contains("红牌 1 · 黄牌 1", page.Find("[data-testid=cards-counts]").TextContent);
        Assert.Equal((Baoan.ToString(), "Issued"), HistoryRows(page)[0]);
        Assert.Matches(@"实时：\d{2}:\d{2}:\d{2}（北京时间）有新的挂牌变化，本页已更新。", page.Find("[data-testid=cards-live]").TextContent.Trim());
        // A live read shows no progress bar: nothing on the page moves but what changed.
        Assert.Empty(page.FindAll("[data-testid=page-progress]"));
    }

    [Theory]
    [InlineData("999999")]
    [InlineData("abc")]
    public void An_address_naming_no_region_says_so_and_offers_the_nation(string region)
    {
        var page = RenderPage(region);

        Assert.Equal(nameof(CardsPage.LoadState.UnknownRegion), State(page));
        Assert.Contains(region, page.Find("[data-testid=cards-error]").TextContent);
        Assert.NotNull(page.Find("a[href='cards']"));
    }
}

/// <summary>The same page for an English reader.</summary>
public sealed class CardsPageInEnglishTests() : CardsPageContext("en")
{
    [Fact]
    public async Task The_explanation_reads_as_English_sentences_with_the_same_figures()
    {
        await AppendAsync(YellowForDens(Nanshan));

        var page = RenderPage();

        var explanation = ExplanationOf(page, Nanshan);
        Assert.Contains("Over the 3 months from 2026-08-01 to 2026-10-31: 12 fraud dens, above the line of 5 (top 1% of the same tier, at least 3).", explanation);
        Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}", explanation);
        Assert.Contains("0 red · 1 yellow", page.Find("[data-testid=cards-counts]").TextContent);
        Assert.DoesNotContain("Card.", page.Markup);
    }

    [Fact]
    public void A_region_typed_by_its_English_name_is_found_in_any_case()
    {
        var page = RenderPage();

        page.Find("[data-testid=issue-card]").Click();
        Type("field-region", "bao'an district");
        DialogProvider.WaitForAssertion(() => Assert.Contains("Bao'an District, Shenzhen, Guangdong", DialogProvider.Find("[data-testid=card-form]").TextContent));
    }

    [Fact]
    public void An_English_name_that_repeats_in_the_country_asks_for_the_code()
    {
        var national = RenderPage("000000");
        national.Find("[data-testid=issue-card]").Click();
        Type("field-region", "Chaoyang District");
        Type("field-reason", "test");
        Submit();
        DialogProvider.WaitForAssertion(() => Assert.Contains("110105", DialogProvider.Find("[data-testid=card-form]").TextContent));
        Assert.True(DialogOpen);
    }
}
