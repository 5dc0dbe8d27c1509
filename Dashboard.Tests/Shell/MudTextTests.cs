using AntiFraud.Dashboard.Tests.Harness;
using Bunit;
using MudBlazor;

namespace AntiFraud.Dashboard.Tests.Shell;

/// <summary>The words MudBlazor writes itself (button names read by screen readers, conversion errors) follow the page's language.</summary>
public sealed class MudTextInChineseTests() : ComponentTestContext("zh-CN")
{
    [Fact]
    public void Pager_buttons_are_named_in_Chinese()
    {
        var pager = Render<MudPagination>(p => p.Add(c => c.Count, 5).Add(c => c.ShowFirstButton, true).Add(c => c.ShowLastButton, true));

        var names = pager.FindAll("button[aria-label]").Select(b => b.GetAttribute("aria-label")).ToList();
        Assert.Contains("第一页", names);
        Assert.Contains("下一页", names);
        Assert.Contains("最后一页", names);
        Assert.Contains("第 2 页", names);
        Assert.DoesNotContain(names, n => n!.Contains("page", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Letters_in_a_number_field_are_refused_in_Chinese()
    {
        var field = Render<MudNumericField<decimal?>>(p => p.Add(c => c.Label, "冻结金额"));

        field.Find("input").Change("abc");

        field.WaitForAssertion(() => Assert.Contains("不是有效的数字", field.Find(".mud-input-helper-text").TextContent));
    }
}

public sealed class MudTextInEnglishTests() : ComponentTestContext("en")
{
    [Fact]
    public void Pager_buttons_keep_MudBlazors_English_names()
    {
        var pager = Render<MudPagination>(p => p.Add(c => c.Count, 5).Add(c => c.ShowFirstButton, true));

        var names = pager.FindAll("button[aria-label]").Select(b => b.GetAttribute("aria-label")).ToList();
        Assert.Contains("First page", names);
        Assert.Contains("Page 2", names);
    }
}
