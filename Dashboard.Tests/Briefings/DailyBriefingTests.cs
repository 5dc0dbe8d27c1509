using System.Net;
using AntiFraud.Dashboard.Tests.Harness;
using AntiFraud.Domain.Briefings;
using AntiFraud.Domain.Regions;
using Marten;
using Microsoft.Playwright;
using UglyToad.PdfPig;

namespace AntiFraud.Dashboard.Tests.Briefings;

/// <summary>
/// The daily briefing over a fixed data set: the sentences state exactly the figures of the day, the PDF carries the same Chinese
/// text, the mail arrives once with both PDFs, a rerun changes nothing, and the page reads well on a wall-sized screen.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DailyBriefingTests(BriefingDay data, Browser browser) : IClassFixture<BriefingDay>
{
    private static readonly string[] NationSentences =
    [
        "3月12日，全国共接报电信网络诈骗警情5起，较前一日增加1起（+25.0%），与上周同日持平，比近30日日均（1.0起）高400.0%。",
        "群众被骗损失244.9万元，较前一日上升2349.0%，较上周同日上升2349.0%，比近30日日均（1.0万元）高24390.0%。",
        "当日止付20.0万元、冻结10.0万元、返还5.0万元；立案1起，破案1起，抓获犯罪嫌疑人2名。",
        "从诈骗类型看，刷单返利占比最高，为40.0%（2起）；其次是贷款诈骗（20.0%）和杀猪盘（20.0%）。",
        "贷款、刷单返利、杀猪盘、冒充客服四类高发案件合计占80.0%。",
        "单笔损失最大的3起警情：一是广东省广州市天河区一起刷单返利案，损失150.0万元；二是广东省深圳市南山区一起杀猪盘案，损失88.0万元；三是广东省深圳市南山区一起刷单返利案，损失5.0万元。",
        "全天下发预警指令3条，较前一日增加2条（+200.0%）；完成首次回访3条，回访时间中位数为11分钟（前一日20分钟）；成功劝阻2人次。",
        "分地区看，发案最多的是广东省（4起，前一日4起），其次是四川省（1起）。",
        "当日新挂牌1个：广东省深圳市（黄牌）；摘牌1个：四川省成都市。",
        "截至当日末，辖区内共有2个地区挂牌整治（红牌1个、黄牌1个）。",
        "按2025年2月数据，下级地区中有2个连续两个月及以上环比下降：广东省（3个月）、浙江省（2个月）。",
        "四川省成都市锦江区一起虚假购物案（14:30），损失7,000元，受害人为财会人员。",
    ];

    private static readonly string[] GuangdongSentences =
    [
        "3月12日，广东省共接报电信网络诈骗警情4起，与前一日持平，较上周同日减少1起（−20.0%），比近30日日均（1.0起）高300.0%。",
        "分地区看，发案最多的是深圳市（3起，前一日4起），其次是广州市（1起）。",
        "当日新挂牌1个：广东省深圳市（黄牌）。",
        "按2025年2月数据，广东省已连续3个月环比下降；下级地区中暂无连续两个月环比下降的地区。",
        "当日无其他需要特别关注的警情。",
    ];

    private const string EnglishOpening =
        "On 12 March 2025, centres across the country received 5 reports of telecom and network fraud: 1 more than the day before (+25.0%), " +
        "as many as the same day last week and 400.0% above the 30-day daily average of 1.0.";

    private static IReadOnlyList<string> Sentences(Briefing briefing, BriefingLanguage language) =>
        BriefingWriter.Write(briefing, language).Sections.SelectMany(s => s.Sentences).ToList();

    private static string Squeeze(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    [Fact]
    public async Task The_nations_briefing_states_the_days_figures_against_the_day_before_last_week_and_the_30_day_average()
    {
        var sentences = Sentences(await data.LoadAsync(RegionCode.National), BriefingLanguage.Chinese);

        foreach (var expected in NationSentences) Assert.Contains(expected, sentences);
    }

    [Fact]
    public async Task A_provinces_briefing_covers_only_its_subtree_and_names_its_own_decline_streak()
    {
        var briefing = await data.LoadAsync(BriefingDay.Guangdong);
        var sentences = Sentences(briefing, BriefingLanguage.Chinese);

        Assert.Equal("广东省", briefing.RegionName);
        foreach (var expected in GuangdongSentences) Assert.Contains(expected, sentences);
        Assert.DoesNotContain(sentences, s => s.Contains("四川", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_English_briefing_is_written_as_sentences_too()
    {
        var sentences = Sentences(await data.LoadAsync(RegionCode.National), BriefingLanguage.English);

        Assert.Equal(EnglishOpening, sentences[0]);
        Assert.Contains("The 3 largest single losses: first, ¥1.5 million to order brushing in Tianhe District, Guangzhou, Guangdong; second, ¥880,000 to pig butchering in Nanshan District, Shenzhen, Guangdong; third, ¥50,000 to order brushing in Nanshan District, Shenzhen, Guangdong.", sentences);
    }

    [Fact]
    public async Task A_provinces_English_briefing_names_its_regions_in_English()
    {
        var sentences = Sentences(await data.LoadAsync(BriefingDay.Guangdong), BriefingLanguage.English);

        Assert.Contains(sentences, s => s.StartsWith("Most incidents were reported in Shenzhen (3; 4 the day before), then Guangzhou (1)", StringComparison.Ordinal));
        Assert.DoesNotContain(sentences, s => s.Any(c => c is >= '\u4e00' and <= '\u9fff'));
    }

    [Fact]
    public async Task Running_the_job_again_keeps_one_unchanged_briefing_per_region_and_sends_no_second_mail()
    {
        var before = await data.LoadAsync(RegionCode.National);
        var mails = data.Inbox.Messages.Count;

        var again = await data.RunJobAsync();

        Assert.Equal(2, data.FirstRun.Written);
        Assert.Equal((2, 0, 2, 0), (again.Regions, again.Written, again.Unchanged, again.Mailed));
        await using var session = data.App.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var stored = await session.Query<Briefing>().ToListAsync();
        Assert.Equal([Briefing.IdOf(RegionCode.National, BriefingDay.Day), Briefing.IdOf(BriefingDay.Guangdong, BriefingDay.Day)], stored.Select(b => b.Id).Order());
        var after = await data.LoadAsync(RegionCode.National);
        Assert.Equal(before.WrittenAt, after.WrittenAt);
        Assert.Equal(before.MailedAt, after.MailedAt);
        Assert.True(Briefing.SameFacts(before.Facts, after.Facts));
        Assert.Equal(mails, data.Inbox.Messages.Count);
    }

    [Fact]
    public void Each_briefing_is_mailed_once_with_its_text_and_a_Chinese_and_an_English_PDF()
    {
        var messages = data.Inbox.Messages.ToList();

        Assert.Equal(2, messages.Count);
        var nation = Assert.Single(messages, m => m.Subject == "全国反诈每日简报 · 2025年3月12日（星期三）");
        Assert.Equal("duty@fzzx.example.cn", Assert.Single(nation.To.Mailboxes).Address);
        Assert.Contains(NationSentences[0], nation.TextBody);
        var attachments = nation.Attachments.OfType<MimeKit.MimePart>().ToList();
        Assert.Equal(["briefing-000000-2025-03-12-en.pdf", "briefing-000000-2025-03-12.pdf"], attachments.Select(a => a.FileName).Order());
        using var pdf = new MemoryStream();
        attachments.Single(a => a.FileName == "briefing-000000-2025-03-12.pdf").Content!.DecodeTo(pdf);
        Assert.Contains(Squeeze(NationSentences[1]), PdfText(pdf.ToArray()));
    }

    [Fact]
    public async Task The_PDF_carries_the_Chinese_sentences_as_real_text()
    {
        using var http = await data.App.SignedInClientAsync();

        var response = await http.GetAsync("/briefings/000000/2025-03-12.pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Keep(bytes, "briefing-000000-2025-03-12.pdf");
        var text = PdfText(bytes);
        Assert.Contains(Squeeze("全国反诈每日简报"), text);
        foreach (var expected in NationSentences) Assert.Contains(Squeeze(expected), text);
        Assert.Contains(Squeeze("近30日警情数（起）"), text);
    }

    [Fact]
    public async Task The_English_PDF_carries_the_English_sentences_and_the_English_place_names()
    {
        using var http = await data.App.SignedInClientAsync();

        var response = await http.GetAsync("/briefings/000000/2025-03-12.pdf?lang=en");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Keep(bytes, "briefing-000000-2025-03-12-en.pdf");
        var text = PdfText(bytes);
        Assert.Contains(Squeeze(EnglishOpening), text);
        Assert.Contains(Squeeze("¥1.5 million to order brushing in Tianhe District, Guangzhou, Guangdong"), text);
    }

    [Fact]
    public async Task A_briefing_that_was_never_written_answers_404_with_a_readable_problem()
    {
        using var http = await data.App.SignedInClientAsync();

        var response = await http.GetAsync("/briefings/510000/2025-03-12.pdf");

        var problem = await response.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains("四川省", problem.GetProperty("detail").GetString());
        Assert.Contains("08:00", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_briefing_page_shows_the_sentences_and_figures_and_links_both_PDFs()
    {
        await using var browserPage = await browser.OpenAsync(data.App, "briefings/000000/2025-03-12");
        var page = browserPage.Page;
        await browserPage.WaitForCircuitAsync();

        await Assertions.Expect(page.GetByTestId("briefing-title")).ToHaveTextAsync("全国反诈每日简报");
        var text = page.GetByTestId("briefing-text");
        await Assertions.Expect(text.Locator("[data-section=overview] p").First).ToHaveTextAsync(NationSentences[0]);
        await Assertions.Expect(text.Locator("[data-section=cards]")).ToContainTextAsync(NationSentences[8]);
        await Assertions.Expect(page.Locator("[data-figure=incidents] [data-testid=figure-value]")).ToHaveTextAsync("5");
        await Assertions.Expect(page.Locator("[data-figure=incidents] [data-change=day] dd")).ToHaveTextAsync("+25.0%");
        Assert.Equal("briefings/000000/2025-03-12.pdf", await page.GetByTestId("download-zh").GetAttributeAsync("href"));
        Assert.Equal("briefings/000000/2025-03-12.pdf?lang=en", await page.GetByTestId("download-en").GetAttributeAsync("href"));
        await Assertions.Expect(page.Locator(".briefing-charts .apex-chart svg").First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task In_English_the_page_reads_the_English_sentences()
    {
        await using var browserPage = await browser.OpenAsync(data.App, "briefings/000000/2025-03-12", locale: "en");
        var page = browserPage.Page;
        await browserPage.WaitForCircuitAsync();

        await Assertions.Expect(page.GetByTestId("briefing-title")).ToHaveTextAsync("Daily anti-fraud briefing: the nation");
        await Assertions.Expect(page.GetByTestId("briefing-text").Locator("[data-section=overview] p").First).ToHaveTextAsync(EnglishOpening);
    }

    [Fact]
    public async Task The_list_shows_the_briefings_by_day_and_region_and_filters_by_region()
    {
        await using var browserPage = await browser.OpenAsync(data.App, "briefings");
        var page = browserPage.Page;
        await browserPage.WaitForCircuitAsync();

        var rows = page.GetByTestId("briefing-table").Locator("tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await Assertions.Expect(rows.Nth(0)).ToContainTextAsync("全国");
        await Assertions.Expect(rows.Nth(1)).ToContainTextAsync("广东省");
        await Assertions.Expect(rows.Nth(1).Locator("td.num").First).ToHaveTextAsync("4");
        await browserPage.ScreenshotAsync("list");

        await page.GetByTestId("filter-region").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "广东省" }).ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToContainTextAsync("广东省");

        await page.GetByRole(AriaRole.Link, new() { Name = "阅读广东省2025-03-12的简报" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("briefing-title")).ToHaveTextAsync("广东省反诈每日简报");
        await Assertions.Expect(page.Locator(".briefing-charts .apex-chart svg").First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task In_English_the_list_names_the_regions_in_English()
    {
        await using var browserPage = await browser.OpenAsync(data.App, "briefings", locale: "en");
        var page = browserPage.Page;
        await browserPage.WaitForCircuitAsync();

        var rows = page.GetByTestId("briefing-table").Locator("tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await Assertions.Expect(rows.Nth(0)).ToContainTextAsync("China");
        await Assertions.Expect(rows.Nth(1)).ToContainTextAsync("Guangdong");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Read the briefing of Guangdong on 2025-03-12" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_missing_briefing_page_explains_when_briefings_are_written()
    {
        await using var browserPage = await browser.OpenAsync(data.App, "briefings/510000/2025-03-12");
        var page = browserPage.Page;
        await browserPage.WaitForCircuitAsync();

        await Assertions.Expect(page.GetByTestId("briefing-missing")).ToContainTextAsync("四川省2025年3月12日（星期三）的简报尚未写成");
        await Assertions.Expect(page.GetByTestId("briefing-missing")).ToContainTextAsync("08:00");
    }

    /// <summary>Keeps the PDF beside the screenshots, for people to look at.</summary>
    private static void Keep(byte[] pdf, string name)
    {
        Directory.CreateDirectory(Browser.ScreenshotFolder);
        File.WriteAllBytes(Path.Combine(Browser.ScreenshotFolder, name), pdf);
    }

    /// <summary>All the text of a PDF as PdfPig reads it back (through the fonts' ToUnicode maps), without white space.</summary>
    private static string PdfText(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return Squeeze(string.Concat(document.GetPages().Select(p => p.Text)));
    }
}
