using System.Text.Json;
using AntiFraud.Dashboard.Features.Charts;
using AntiFraud.Dashboard.Tests.Harness;
using Bunit;

namespace AntiFraud.Dashboard.Tests.Charts;

/// <summary>What the chart component asks the browser to draw: created once, then new figures in place, labels only when they change.</summary>
public sealed class ApexChartTests : ComponentTestContext
{
    private static ChartSeries Series(params double[] data) => new("警情", data);

    private IRenderedComponent<ApexChart> RenderChart(ChartKind kind, string[] labels, params double[] data) =>
        Render<ApexChart>(p => p.Add(c => c.Kind, kind).Add(c => c.Series, [Series(data)]).Add(c => c.Labels, labels).Add(c => c.AriaLabel, "chart"));

    private static JsonElement Json(object? argument) => JsonDocument.Parse((string)argument!).RootElement;

    [Fact]
    public void New_figures_with_the_same_labels_redraw_the_series_only_and_new_labels_are_sent_with_them()
    {
        var module = JSInterop.SetupModule("./js/charts.js");
        var chart = RenderChart(ChartKind.Line, ["00", "01"], 1, 2);
        chart.WaitForAssertion(() => Assert.Single(module.Invocations, i => i.Identifier == "create"));

        chart.Render(p => p.Add(c => c.Series, [Series(3, 4)]));
        chart.WaitForAssertion(() => Assert.Single(module.Invocations, i => i.Identifier == "update"));
        var sameLabels = module.Invocations.Single(i => i.Identifier == "update");
        Assert.Equal([3, 4], Json(sameLabels.Arguments[1])[0].GetProperty("data").EnumerateArray().Select(d => d.GetDouble()));
        Assert.Null(sameLabels.Arguments[2]);

        chart.Render(p => p.Add(c => c.Series, [Series(3, 4, 5)]).Add(c => c.Labels, ["00", "01", "02"]));
        chart.WaitForAssertion(() => Assert.Equal(2, module.Invocations.Count(i => i.Identifier == "update")));
        var newLabels = module.Invocations.Last(i => i.Identifier == "update");
        Assert.Equal(["00", "01", "02"], Json(newLabels.Arguments[2]).GetProperty("xaxis").GetProperty("categories").EnumerateArray().Select(c => c.GetString()));

        // The same figures again draw nothing.
        chart.Render(p => p.Add(c => c.Series, [Series(3, 4, 5)]));
        Assert.Equal(2, module.Invocations.Count(i => i.Identifier == "update"));
    }

    [Fact]
    public void A_chart_the_browser_could_not_draw_leaves_the_screen_running_and_is_drawn_afresh_with_the_next_figures()
    {
        var module = JSInterop.SetupModule("./js/charts.js");
        var create = module.SetupVoid("create", _ => true);
        create.SetException(new Microsoft.JSInterop.JSException("ApexCharts: element not found"));
        var chart = RenderChart(ChartKind.Line, ["00", "01"], 1, 2);
        chart.WaitForAssertion(() => Assert.Single(module.Invocations, i => i.Identifier == "create"));

        create.SetVoidResult();
        chart.Render(p => p.Add(c => c.Series, [Series(3, 4)]));

        chart.WaitForAssertion(() => Assert.Equal(2, module.Invocations.Count(i => i.Identifier == "create")));
        Assert.DoesNotContain(module.Invocations, i => i.Identifier == "update");
        var drawn = Json(module.Invocations.Last(i => i.Identifier == "create").Arguments[1]);
        Assert.Equal([3, 4], drawn.GetProperty("series")[0].GetProperty("data").EnumerateArray().Select(d => d.GetDouble()));
        Assert.NotNull(chart.Find("[aria-label='chart']"));
    }

    [Theory]
    [InlineData("cancelled")]
    [InlineData("failed")]
    public async Task Leaving_a_chart_whose_release_the_browser_cancels_or_fails_is_not_an_error(string outcome)
    {
        var module = JSInterop.SetupModule("./js/charts.js");
        var release = module.SetupVoid("dispose", _ => true);
        if (outcome == "cancelled") release.SetCanceled();
        else release.SetException(new Microsoft.JSInterop.JSException("chart element not found"));
        var chart = RenderChart(ChartKind.Line, ["00", "01"], 1, 2);
        chart.WaitForAssertion(() => Assert.Single(module.Invocations, i => i.Identifier == "create"));

        await DisposeComponentsAsync();

        Assert.Single(module.Invocations, i => i.Identifier == "dispose");
        // Nothing reached the renderer as unhandled: on a live screen that would end its connection.
        var unhandled = Renderer.UnhandledException;
        Assert.False(unhandled.IsCompleted, unhandled.IsCompleted ? (await unhandled).ToString() : "");
    }

    [Fact]
    public void A_bar_chart_of_small_counts_has_one_value_tick_per_whole_number_and_at_most_five()
    {
        var module = JSInterop.SetupModule("./js/charts.js");
        var chart = RenderChart(ChartKind.Bar, ["广州市", "深圳市"], 2, 1);
        chart.WaitForAssertion(() => Assert.Single(module.Invocations, i => i.Identifier == "create"));
        Assert.Equal(2, Json(module.Invocations.Single().Arguments[1]).GetProperty("xaxis").GetProperty("tickAmount").GetInt32());

        chart.Render(p => p.Add(c => c.Series, [Series(40, 1)]));
        chart.WaitForAssertion(() => Assert.Single(module.Invocations, i => i.Identifier == "update"));
        Assert.Equal(5, Json(module.Invocations.Single(i => i.Identifier == "update").Arguments[2]).GetProperty("xaxis").GetProperty("tickAmount").GetInt32());
    }

    [Fact]
    public void Switching_the_theme_draws_the_chart_again_in_the_new_colours()
    {
        var module = JSInterop.SetupModule("./js/charts.js");
        var chart = RenderChart(ChartKind.Line, ["00", "01"], 1, 2);
        chart.WaitForAssertion(() => Assert.Single(module.Invocations, i => i.Identifier == "create"));
        Assert.Equal("dark", Json(module.Invocations.Single().Arguments[1]).GetProperty("theme").GetProperty("mode").GetString());

        chart.Render(p => p.Add(c => c.Dark, false));

        chart.WaitForAssertion(() => Assert.Equal(2, module.Invocations.Count(i => i.Identifier == "create")));
        var light = Json(module.Invocations.Last(i => i.Identifier == "create").Arguments[1]);
        Assert.Equal("light", light.GetProperty("theme").GetProperty("mode").GetString());
        Assert.Equal("#1f2937", light.GetProperty("chart").GetProperty("foreColor").GetString());
        Assert.Equal([1, 2], light.GetProperty("series")[0].GetProperty("data").EnumerateArray().Select(d => d.GetDouble()));
    }

    [Fact]
    public void A_bar_is_as_thick_with_one_region_ranked_as_with_eight()
    {
        var module = JSInterop.SetupModule("./js/charts.js");
        var chart = RenderChart(ChartKind.Bar, ["梅州市"], 1);
        chart.WaitForAssertion(() => Assert.Single(module.Invocations, i => i.Identifier == "create"));
        // Each bar takes a share of its row; with one row the share is an eighth of what it is with eight rows.
        Assert.Equal("8.75%", Json(module.Invocations.Single().Arguments[1]).GetProperty("plotOptions").GetProperty("bar").GetProperty("barHeight").GetString());

        string[] eight = ["广州市", "深圳市", "珠海市", "汕头市", "佛山市", "韶关市", "湛江市", "肇庆市"];
        chart.Render(p => p.Add(c => c.Series, [Series(8, 7, 6, 5, 4, 3, 2, 1)]).Add(c => c.Labels, eight));
        chart.WaitForAssertion(() => Assert.Single(module.Invocations, i => i.Identifier == "update"));
        Assert.Equal("70%", Json(module.Invocations.Single(i => i.Identifier == "update").Arguments[2]).GetProperty("plotOptions").GetProperty("bar").GetProperty("barHeight").GetString());
    }
}
