using System.Globalization;
using System.Text;
using AntiFraud.Dashboard.Features.Regions;
using AntiFraud.Dashboard.Tests.Harness;
using AntiFraud.Domain.Regions;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace AntiFraud.Dashboard.Tests.Regions;

/// <summary>The table of the regions below: sorting, filtering, and a CSV export of exactly the rows shown, in the order shown.</summary>
public sealed class ChildRegionTableTests : ComponentTestContext
{
    private static readonly RegionCatalog Catalog = RegionCatalog.Load();
    private static readonly Region Guangdong = Catalog.Get(RegionCode.Parse("44"));
    private static readonly AnalysisPeriod July = new(new DateOnly(2025, 7, 1), new DateOnly(2025, 7, 15));

    // Figures that differ from child to child, with ties, so that sorting and filtering both show.
    private static readonly List<ChildRegionRow> Rows = Guangdong.Children
        .Select((c, i) => new ChildRegionRow(c.Code, c.Name, Incidents: i * 3 % 7, Loss: i * 1_000.5m, Stopped: i * 10m, Frozen: 5m, Returned: 0,
            WarningsIssued: i, Dissuaded: 1, IncidentsMonthEarlier: i % 3))
        .ToList();

    private readonly BunitJSModuleInterop _download;

    public ChildRegionTableTests()
    {
        _download = JSInterop.SetupModule("./js/download.js");
        _download.SetupVoid("captionTable", _ => true).SetVoidResult();
        _download.SetupVoid("saveFile", _ => true).SetVoidResult();
        Render<MudPopoverProvider>();
    }

    private IRenderedComponent<ChildRegionTable> RenderTable() =>
        Render<ChildRegionTable>(p => p.Add(t => t.Parent, Guangdong).Add(t => t.Rows, Rows).Add(t => t.Period, July));

    private static List<string[]> ParseCsv(string text) =>
        text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(',')).ToList();

    private async Task<(byte[] Bytes, string FileName)> ExportAsync(IRenderedComponent<ChildRegionTable> table)
    {
        await table.Find("[data-testid=export-csv]").ClickAsync(new MouseEventArgs());
        var call = _download.Invocations["saveFile"].Single();
        return ((byte[])call.Arguments[2]!, (string)call.Arguments[0]!);
    }

    [Fact]
    public async Task The_CSV_holds_exactly_the_rows_shown_after_sorting_and_filtering_in_the_order_shown()
    {
        var table = RenderTable();

        // Most incidents first, only cities whose name has 州, and at least two incidents.
        // Each element is found and used on the renderer's thread, so a re-render in between cannot take its handler away.
        await table.InvokeAsync(() => table.Find("th.col-incidents .sortable-column-header").ClickAsync(new MouseEventArgs()));
        await table.InvokeAsync(() => table.Find("th.col-incidents .sortable-column-header").ClickAsync(new MouseEventArgs()));
        await table.InvokeAsync(() => table.Find("input[data-filter=name]").InputAsync(new ChangeEventArgs { Value = "州" }));
        await table.InvokeAsync(() => table.Find("input[data-filter=incidents]").ChangeAsync(new ChangeEventArgs { Value = "2" }));

        var expected = Rows.Where(r => r.Name.Contains('州') && r.Incidents >= 2).OrderByDescending(r => r.Incidents).ToList();
        Assert.NotEmpty(expected);
        Assert.True(expected.Count < Rows.Count);
        List<string> Shown() => table.FindAll("td.col-name").Select(c => c.TextContent.Trim()).ToList();
        await table.WaitForAssertionAsync(() => Assert.Equal(expected.Select(r => r.Name), Shown()));
        var shown = Shown();

        var (bytes, fileName) = await ExportAsync(table);

        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = ParseCsv(Encoding.UTF8.GetString(bytes[3..]));
        Assert.Equal(["地区", "警情", "涉案损失（元）", "紧急止付（元）", "冻结资金（元）", "返还资金（元）", "预警下发", "劝阻成功", "警情环比"], lines[0]);
        var body = lines.Skip(1).ToList();
        Assert.Equal(shown, body.Select(l => l[0]));
        Assert.Equal(table.FindAll("td.col-incidents").Select(c => c.TextContent.Trim()), body.Select(l => l[1]));
        Assert.Equal(expected.Select(r => r.Loss), body.Select(l => decimal.Parse(l[2], CultureInfo.InvariantCulture)));
        Assert.Equal(expected.Select(r => r.Stopped), body.Select(l => decimal.Parse(l[3], CultureInfo.InvariantCulture)));
        Assert.Equal(expected.Select(r => r.WarningsIssued.ToString(CultureInfo.InvariantCulture)), body.Select(l => l[6]));
        Assert.Equal(expected.Select(r => r.IncidentsMonthEarlier == 0 ? "" : $"{(r.Incidents - r.IncidentsMonthEarlier) * 100 / r.IncidentsMonthEarlier:+0;-0;0}%"),
            body.Select(l => l[8]));
        Assert.Equal("广东省-440000-20250701-20250715.csv", fileName);
    }

    [Fact]
    public async Task Without_sorting_or_filtering_the_CSV_lists_every_child_in_catalogue_order()
    {
        var table = RenderTable();

        var (bytes, _) = await ExportAsync(table);

        var body = ParseCsv(Encoding.UTF8.GetString(bytes[3..])).Skip(1).ToList();
        Assert.Equal(Guangdong.Children.Select(c => c.Name), body.Select(l => l[0]));
    }

    [Fact]
    public async Task Filtering_away_every_row_says_that_no_region_matches_and_the_names_lead_to_their_region_pages()
    {
        var table = RenderTable();
        Assert.Equal("regions/440300", table.Find("td.col-name a[data-code='440300']").GetAttribute("href"));

        await table.Find("input[data-filter=incidents]").ChangeAsync(new ChangeEventArgs { Value = (Rows.Max(r => r.Incidents) + 1).ToString(CultureInfo.InvariantCulture) });

        await table.WaitForAssertionAsync(() => Assert.Contains("没有符合筛选条件的下级地区", table.Find("[data-testid=child-table-empty]").TextContent));
        Assert.Empty(table.FindAll("td.col-name"));
    }

    [Fact]
    public void Cells_with_commas_quotes_or_line_breaks_are_quoted_and_text_that_looks_like_a_formula_is_defused()
    {
        var text = Csv.Write(["名称", "值"], [["a,b", "1"], ["say \"hi\"", "2"], ["two\nlines", "3"], [Csv.Text("=1+1"), "-4"]]);

        Assert.Equal("名称,值\r\n\"a,b\",1\r\n\"say \"\"hi\"\"\",2\r\n\"two\nlines\",3\r\n'=1+1,-4\r\n", text);
    }
}
