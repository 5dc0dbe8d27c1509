using AntiFraud.Domain.Cards;
using AntiFraud.Domain.Regions;
using AntiFraud.Jobs.Cards;
using Bunit;

namespace AntiFraud.Dashboard.Tests.Cards;

/// <summary>A commander's hand on the cards from the page: lifting, escalating and issuing with a reason, refusals, and the on-demand run.</summary>
public sealed class CardsPageDecisionTests : CardsPageContext
{
    [Fact]
    public async Task A_commander_lifts_a_card_with_a_reason_and_it_leaves_the_list_and_tops_the_history()
    {
        await AppendAsync(YellowForDens(Nanshan), RedForDensAndVictims(Baoan));
        var page = RenderPage();

        page.Find($"button[data-action=Lift][data-region='{Nanshan}']").Click();
        Assert.Contains("南山区", DialogProvider.WaitForElement("[data-testid=card-summary]").TextContent);
        Type("field-reason", "专项整治验收合格，窝点已全部打掉");
        Submit();

        page.WaitForAssertion(() => Assert.Equal([(Baoan.ToString(), "Red")], ActiveRows(page)), TimeSpan.FromSeconds(20));
        DialogProvider.WaitForAssertion(() => Assert.False(DialogOpen));
        Assert.Equal((Nanshan.ToString(), "Lifted"), HistoryRows(page)[0]);
        var lifted = page.FindAll("[data-testid=history-row]")[0].Closest("tr")!.TextContent;
        Assert.Contains("2026-11-20 10:00", lifted);
        Assert.Contains("全国反诈中心人工决定：摘除黄牌。", lifted);
        Assert.Contains("理由：专项整治验收合格，窝点已全部打掉", lifted);
        Assert.Contains("全国反诈中心（人工）", lifted);
        Assert.Contains("红牌 1 · 黄牌 0", page.Find("[data-testid=cards-counts]").TextContent);
        Assert.Null((await CardOfAsync(Nanshan))!.Level);
    }

    [Fact]
    public async Task Without_a_reason_nothing_is_decided_and_the_form_says_what_is_missing()
    {
        await AppendAsync(YellowForDens(Nanshan));
        var page = RenderPage();

        page.Find($"button[data-action=Lift][data-region='{Nanshan}']").Click();
        DialogProvider.WaitForElement("[data-testid=card-submit]");
        Submit();

        DialogProvider.WaitForAssertion(() => Assert.Contains("请填写理由", DialogProvider.Find(".mud-input-helper-text.mud-input-error, .mud-input-error").TextContent));
        Assert.True(DialogOpen);
        Assert.Equal(CardLevel.Yellow, (await CardOfAsync(Nanshan))!.Level);
    }

    [Fact]
    public async Task Escalating_a_card_someone_else_already_made_red_is_refused_in_Chinese_and_the_page_then_shows_it_red()
    {
        await AppendAsync(YellowForDens(Nanshan));
        var page = RenderPage();
        // Another commander escalates it while this page still shows it yellow.
        var other = await Services.GetRequiredService<CardDesk>()
            .DecideAsync(CardAction.Escalate, Nanshan, CardLevel.Red, "另一位指挥员的决定", RegionCode.Parse("440000"), CancellationToken.None);
        Assert.False(other.Refused);

        page.Find($"button[data-action=Escalate][data-region='{Nanshan}']").Click();
        Type("field-reason", "群众举报集中");
        Submit();

        var refusal = DialogProvider.WaitForElement("[data-testid=card-refusal]", TimeSpan.FromSeconds(20)).TextContent;
        Assert.Contains("该地区已持有红牌，已是最高级别，不能再升级。", refusal);
        Assert.DoesNotMatch("[A-Za-z]{4,}", refusal);
        Assert.True(DialogOpen);

        DialogProvider.Find("[data-testid=card-cancel]").Click();
        page.WaitForAssertion(() => Assert.Equal([(Nanshan.ToString(), "Red")], ActiveRows(page)), TimeSpan.FromSeconds(20));
        Assert.Empty(page.FindAll("button[data-action=Escalate]"));
        Assert.Equal(2, (await CardOfAsync(Nanshan))!.History.Count);
    }

    [Fact]
    public async Task A_commander_issues_a_red_card_by_code_and_issuing_again_is_refused_with_the_level_held()
    {
        var page = RenderPage();
        Assert.NotNull(page.Find("[data-testid=active-empty]"));

        page.Find("[data-testid=issue-card]").Click();
        Type("field-region", "440306");
        Assert.Contains("广东省 · 深圳市 · 宝安区", DialogProvider.Find("[data-testid=card-form]").TextContent);
        DialogProvider.Find("input[data-level=Red]").Click();
        Type("field-reason", "电诈窝点集中，部督专案");
        Submit();

        page.WaitForAssertion(() => Assert.Equal([(Baoan.ToString(), "Red")], ActiveRows(page)), TimeSpan.FromSeconds(20));
        Assert.Equal("人工决定", page.Find("[data-testid=card-rule]").TextContent);
        Assert.Contains("理由：电诈窝点集中，部督专案", ExplanationOf(page, Baoan));

        page.Find("[data-testid=issue-card]").Click();
        Type("field-region", "440306");
        Type("field-reason", "再次挂牌");
        Submit();
        var refusal = DialogProvider.WaitForElement("[data-testid=card-refusal]", TimeSpan.FromSeconds(20)).TextContent;
        Assert.Contains("该地区已持有红牌，请改为升级或摘牌。", refusal);
        Assert.Single((await CardOfAsync(Baoan))!.History);
    }

    [Theory]
    [InlineData("000000", "全国不能被挂牌")]
    [InlineData("110108", "不在广东省范围内")]
    [InlineData("朝阳区", "找不到地区“朝阳区”")]
    [InlineData("990000", "找不到地区“990000”")]
    public void A_region_that_cannot_be_carded_from_this_page_is_refused_in_the_form(string typed, string expected)
    {
        var page = RenderPage("440000");

        page.Find("[data-testid=issue-card]").Click();
        Type("field-region", typed);
        Type("field-reason", "测试");
        Submit();

        DialogProvider.WaitForAssertion(() => Assert.Contains(expected, DialogProvider.Find("[data-testid=card-form]").TextContent));
        Assert.True(DialogOpen);
        Assert.Empty(ActiveRows(page));
    }

    [Fact]
    public void Evaluate_now_queues_one_run_of_the_rules_and_says_it_was_queued()
    {
        var page = RenderPage();

        page.Find("[data-testid=evaluate-now]").Click();

        page.WaitForAssertion(() => Assert.Contains("已于 2026-11-20 10:00（北京时间）提交评估任务", page.Find("[data-testid=evaluate-queued]").TextContent));
        var job = Assert.Single(JobClient.Queued);
        Assert.Equal(typeof(CardEvaluationJob), job.Type);
        Assert.Equal(nameof(CardEvaluationJob.RunAsync), job.Method.Name);
    }
}
