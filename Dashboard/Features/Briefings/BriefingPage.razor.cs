using System.Globalization;
using AntiFraud.Dashboard.Features.Charts;
using AntiFraud.Dashboard.Features.Regions;
using AntiFraud.Dashboard.Features.Shell;
using AntiFraud.Dashboard.Localization;
using AntiFraud.Domain.Briefings;
using AntiFraud.Domain.Regions;
using Marten;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace AntiFraud.Dashboard.Features.Briefings;

/// <summary>One briefing to read on screen, in the UI language, with its key figures, two charts and the PDF in either language.</summary>
public partial class BriefingPage : ComponentBase
{
    [Inject] private IDocumentStore Store { get; set; } = null!;
    [Inject] private RegionCatalog Catalog { get; set; } = null!;
    [Inject] private IStringLocalizer<Text> T { get; set; } = null!;
    [Inject] private ILogger<BriefingPage> Logger { get; set; } = null!;

    /// <summary>GB/T 2260 code of the briefing's region.</summary>
    [Parameter] public string Region { get; set; } = "";

    /// <summary>The China day the briefing is about, yyyy-MM-dd.</summary>
    [Parameter] public string Day { get; set; } = "";

    [CascadingParameter(Name = "DarkMode")] private bool DarkMode { get; set; } = true;

    private Briefing? _briefing;
    private BriefingText? _text;
    private string? _problem;
    private bool _unavailable;
    private bool _english;
    private IReadOnlyList<ChartSeries> _daySeries = [];
    private IReadOnlyList<string> _dayLabels = [];
    private IReadOnlyList<ChartSeries> _typeSeries = [];
    private IReadOnlyList<string> _typeLabels = [];

    /// <summary>A bar per fraud type with room for its name: eleven types in the usual frame were bars a few pixels thick.</summary>
    private string TypeChartHeight => $"height: {Math.Max(250, 70 + 28 * _typeLabels.Count)}px";

    [Inject] private AntiFraud.Dashboard.Access.RegionGate Gate { get; set; } = null!;

    private bool _forbidden;

    protected override Task OnParametersSetAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        _english = BriefingWriter.LanguageOf(CultureInfo.CurrentUICulture.Name) == BriefingLanguage.English;
        _problem = null;
        _unavailable = false;
        _briefing = null;
        _text = null;
        var access = await Gate.ResolveAsync(Region);
        _forbidden = access.Forbidden is not null;
        if (access.Region is not { } region)
        {
            _problem = access.Forbidden ?? access.NotFound;
            return;
        }
        if (BriefingAddress.ParseDay(Day) is not { } day)
        {
            _problem = T["Briefing.BadDay", Day];
            return;
        }
        try
        {
            await using var session = Store.QuerySession();
            _briefing = await session.LoadAsync<Briefing>(Briefing.IdOf(region.Code, day));
        }
        catch (Exception e) when (DatabaseTrouble.IsUnavailable(e))
        {
            Logger.LogWarning(e, "The briefing of {Region} on {Day} could not be read", region.Code, day);
            _unavailable = true;
            return;
        }
        if (_briefing is null)
        {
            _problem = T["Briefing.NotFound", region.DisplayName, BriefingWriter.DayText(day, _english ? BriefingLanguage.English : BriefingLanguage.Chinese)];
            return;
        }
        var language = _english ? BriefingLanguage.English : BriefingLanguage.Chinese;
        _text = BriefingWriter.Write(_briefing, language);
        var points = _briefing.Facts.Last30Days;
        _daySeries = [new ChartSeries(T["Briefing.Incidents"], points.Select(p => (double)p.Incidents).ToList())];
        _dayLabels = points.Select(p => p.Day.ToString("MM-dd", CultureInfo.InvariantCulture)).ToList();
        var shares = _briefing.Facts.TypeShares;
        _typeSeries = [new ChartSeries(T["Briefing.TypeShares"], shares.Select(s => (double)Math.Round(s.Share * 100m, 1)).ToList())];
        _typeLabels = shares.Select(s => BriefingWriter.TypeName(s.Type, language)).ToList();
    }
}
