using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using AntiFraud.Benchmarks.Harness;
using AntiFraud.Benchmarks.Map;
using AntiFraud.Dashboard.Features.Regions;
using AntiFraud.Dashboard.Hosting;
using AntiFraud.Domain.Cards;
using AntiFraud.Domain.Regions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Components.Web.HtmlRendering;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AntiFraud.Benchmarks.Suites;

/// <summary>
/// The <see cref="RegionMap"/> component: how big its first render is, and what a recolour costs compared with it
/// (edits, bytes a Blazor Server circuit would send, server time).
/// </summary>
public sealed partial class MapSuite : IBenchmarkSuite
{
    private const long FirstRenderBudgetBytes = 400 * 1024;
    private const string MetricName = "今日警情";

    /// <summary>The nation, the two provinces with the most cities (21 each), and two big cities drawn county by county.</summary>
    private static readonly string[] MapCodes = ["000000", "440000", "510000", "500100", "510100"];

    public string Name => "map";
    public string Title => "Map: the RegionMap component";

    public async Task RunAsync(SuiteContext context)
    {
        var output = context.Output;
        var measurer = context.Measurer;
        var previousCulture = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        try
        {
            var catalog = RegionCatalog.Load();
            var shapes = new RegionShapes();
            var services = new ServiceCollection()
                .AddLogging()
                .AddText()
                .AddSingleton(shapes);
            await using var provider = services.BuildServiceProvider();
            var loggerFactory = provider.GetRequiredService<ILoggerFactory>();

            var scenarios = MapCodes.Select(code => Scenario.For(catalog.Get(RegionCode.Parse(code)), shapes)).ToList();

            output.WriteLine();
            output.WriteLine($"Every map is rendered in zh-CN with a value for each child (\"{MetricName}\", 0–999) and {Scenario.CardCount} children holding a card " +
                             "(one red, two yellow).");

            output.WriteLine();
            output.WriteLine("### First render: markup size");
            output.WriteLine();
            var markupTable = new MarkdownTable("map", "shapes", "markup, UTF-8:", "of which path data:", "gzip:",
                "prerender median:", "p95:", "allocated/op:", "target", "meets target");
            var firstRenderBytes = new Dictionary<Scenario, long>();
            foreach (var scenario in scenarios)
            {
                var parameters = scenario.Parameters();
                string RenderHtml()
                {
                    using var html = new HtmlRenderer(provider, loggerFactory);
                    return html.Dispatcher.InvokeAsync(async () =>
                        (await html.RenderComponentAsync<RegionMap>(ParameterView.FromDictionary(parameters))).ToHtmlString()).GetAwaiter().GetResult();
                }

                var markup = RenderHtml();
                var bytes = Encoding.UTF8.GetByteCount(markup);
                var pathBytes = PathData().Matches(markup).Sum(m => (long)Encoding.UTF8.GetByteCount(m.Groups[1].ValueSpan));
                firstRenderBytes[scenario] = bytes;
                var timing = measurer.Measure(RenderHtml);
                markupTable.Add(scenario.Label, scenario.Shapes, Units.Size(bytes),
                    $"{Units.Size(pathBytes)}, {Units.Percent((double)pathBytes / bytes)}", Units.Size(Gzip(markup)),
                    Units.Time(timing.MedianNs), Units.Time(timing.P95Ns), Units.Allocated(timing.AllocatedBytesPerOp),
                    "≤ 400 KB", bytes <= FirstRenderBudgetBytes ? "yes" : "**no**");
            }
            markupTable.WriteTo(output);
            output.WriteLine();
            output.WriteLine("Markup is the component's HTML from `HtmlRenderer` (what prerendering puts in the page). Path data is the text of the " +
                             "`d` attributes. The prerender time covers one `HtmlRenderer` rendering the map to a string.");

            output.WriteLine();
            output.WriteLine("### Updates on a live circuit: what goes over the wire");
            output.WriteLine();
            var updateTable = new MarkdownTable("map", "render", "edits:", "frames sent:", "estimate:", "batch (exact):", "deflated:",
                "vs first render:", "server median:", "p95:", "allocated/op:");
            var breakdown = new Dictionary<string, Dictionary<string, EditKind>>();
            var notes = new List<string>();
            foreach (var scenario in scenarios)
            {
                var renderer = new RecordingRenderer(provider, loggerFactory);
                await using var _ = renderer;
                var host = new MapHost(scenario.Parent) { Values = scenario.ValuesA, Cards = scenario.Cards, MetricName = MetricName };
                var hovers = 0;
                renderer.Mount(host);
                var first = renderer.LastBatch!;
                updateTable.Add(scenario.Label, "first render (interactive)", Units.Count(first.Edits), Units.Count(first.ReferenceFrames),
                    Units.Size(first.EstimatedBytes), Exact(first.WriterBytes), Exact(first.DeflatedBytes), "100 %", "—", "—", "—");

                var runs = new (string Short, string Label, Action Once, Func<int> Timed)[]
                {
                    ("recolour", "new values for every child",
                        () => { host.Values = scenario.ValuesB; renderer.Run(host.Refresh); },
                        () => { host.Values = ReferenceEquals(host.Values, scenario.ValuesA) ? scenario.ValuesB : scenario.ValuesA; renderer.Run(host.Refresh); return 0; }),
                    ("re-render", "same values again, the page re-renders",
                        () => renderer.Run(host.Refresh),
                        () => { renderer.Run(host.Refresh); return 0; }),
                    ("hover", "pointer moves to another region",
                        () =>
                        {
                            renderer.Dispatch(renderer.MouseOverHandlers.First, new MouseEventArgs { Type = "mouseover" });
                            renderer.Dispatch(renderer.MouseOverHandlers.Second, new MouseEventArgs { Type = "mouseover" });
                        },
                        () =>
                        {
                            var (a, b) = renderer.MouseOverHandlers;
                            renderer.Dispatch(hovers++ % 2 == 0 ? a : b, new MouseEventArgs { Type = "mouseover" });
                            return 0;
                        }),
                };
                foreach (var (shortLabel, label, once, timed) in runs)
                {
                    renderer.Analyse = true;
                    once();
                    var figures = renderer.LastBatch!;
                    renderer.Analyse = false;
                    var timing = measurer.Measure(timed);
                    var share = figures.WriterBytes is { } w && first.WriterBytes is { } f
                        ? (double)w / f
                        : (double)figures.EstimatedBytes / first.EstimatedBytes;
                    updateTable.Add(scenario.Label, label, Units.Count(figures.Edits), Units.Count(figures.ReferenceFrames), Units.Size(figures.EstimatedBytes),
                        Exact(figures.WriterBytes), Exact(figures.DeflatedBytes), Units.Percent(share),
                        Units.Time(timing.MedianNs), Units.Time(timing.P95Ns), Units.Allocated(timing.AllocatedBytesPerOp));
                    if (ReferenceEquals(scenario, scenarios[0]))
                    {
                        breakdown[shortLabel] = figures.Kinds.ToDictionary(k => k.Kind);
                        notes.Add($"**{shortLabel}**: {figures.DisposedEventHandlers} event handlers disposed and re-registered; " +
                                  $"{figures.TextsRepeatingAnAriaLabel} text updates repeat an `aria-label` sent in the same batch.");
                    }
                }
            }
            updateTable.WriteTo(output);
            output.WriteLine();
            output.WriteLine("Edits and frames are those of the render batch. *Estimate*: 16 B per edit plus, for the frames an edit carries, " +
                             "20 B per frame and the UTF-8 length of names, string values and text. *Batch (exact)*: the batch serialised by " +
                             "Blazor Server's own writer, before SignalR framing; *deflated*: that payload deflated on its own, a hint of what " +
                             "WebSocket compression leaves. *vs first render*: exact batch size against the first interactive render's. " +
                             "*Server*: render + diff on the server, batch not serialised; each timed recolour alternates two value sets, each " +
                             "timed hover alternates two regions.");

            output.WriteLine();
            output.WriteLine($"### What a render of the national map sends, by kind of edit ({scenarios[0].Label})");
            output.WriteLine();
            var labels = breakdown.Keys.ToList();
            var kindTable = new MarkdownTable(["edit", .. labels.SelectMany(l => new[] { $"{l}: edits:", $"{l}: bytes (est.):" })]);
            foreach (var kind in breakdown.Values.SelectMany(k => k.Keys).Distinct()
                         .OrderByDescending(k => breakdown.Values.Sum(b => b.GetValueOrDefault(k)?.EstimatedBytes ?? 0)))
            {
                kindTable.Add([kind, .. labels.SelectMany(l => breakdown[l].TryGetValue(kind, out var e)
                    ? new[] { Units.Count(e.Count), Units.Count(e.EstimatedBytes) }
                    : ["—", "—"])]);
            }
            kindTable.WriteTo(output);
            output.WriteLine();
            foreach (var note in notes) output.WriteLine($"- {note}");
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = previousCulture;
        }
    }

    private static string Exact(long? bytes) => bytes is { } b ? Units.Size(b) : "n/a";

    private static long Gzip(string text)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            gzip.Write(Encoding.UTF8.GetBytes(text));
        return compressed.Length;
    }

    [GeneratedRegex("\\sd=\"([^\"]*)\"")]
    private static partial Regex PathData();

    /// <summary>One map with its inputs: two value sets that differ for every child, and a few cards.</summary>
    private sealed record Scenario(
        string Label,
        Region Parent,
        string Shapes,
        IReadOnlyDictionary<RegionCode, double> ValuesA,
        IReadOnlyDictionary<RegionCode, double> ValuesB,
        IReadOnlyDictionary<RegionCode, CardLevel> Cards)
    {
        public const int CardCount = 3;

        public static Scenario For(Region parent, RegionShapes shapes)
        {
            var random = new Random(parent.Code.Value + 2604);
            var a = parent.Children.ToDictionary(c => c.Code, _ => (double)random.Next(0, 1000));
            var b = parent.Children.ToDictionary(c => c.Code, c => (a[c.Code] + 1 + random.Next(0, 998)) % 1000);
            var drawn = parent.Children.Where(c => shapes.Find(c.Code) is not null).ToList();
            var cards = new Dictionary<RegionCode, CardLevel>
            {
                [drawn[1].Code] = CardLevel.Red,
                [drawn[3].Code] = CardLevel.Yellow,
                [drawn[5].Code] = CardLevel.Yellow,
            };
            var label = $"{parent.Code} {parent.Name} ({parent.Children[0].Tier.ToString().ToLowerInvariant()} map)";
            var context = shapes.ContextFor(parent.Code).Count();
            var tiles = parent.Children.Count - drawn.Count;
            var description = $"{drawn.Count} children" + (context > 0 ? $" + {context} context" : "") + (tiles > 0 ? $"; {tiles} as tiles" : "");
            return new Scenario(label, parent, description, a, b, cards);
        }

        public Dictionary<string, object?> Parameters() => new()
        {
            [nameof(RegionMap.Parent)] = Parent,
            [nameof(RegionMap.Values)] = ValuesA,
            [nameof(RegionMap.MetricName)] = MetricName,
            [nameof(RegionMap.Cards)] = Cards,
        };
    }
}
