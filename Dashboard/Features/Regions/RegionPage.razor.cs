using AntiFraud.Dashboard.Localization;
using AntiFraud.Domain.Regions;
using Marten;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace AntiFraud.Dashboard.Features.Regions;

/// <summary>
/// The commander's analysis page of a region: the wall's headline figures over a chosen range of China days against a month and a
/// year earlier, the children on the map and in a sortable table, and the subtree's incidents. The range lives in the address
/// (<c>?from=2025-07-01&amp;to=2025-07-15</c>), so drilling down keeps it and a link shows the same figures.
/// </summary>
public partial class RegionPage : ComponentBase, IDisposable
{
    [Inject] private RegionCatalog Catalog { get; set; } = null!;
    [Inject] private IDocumentStore Store { get; set; } = null!;
    [Inject] private TimeProvider Clock { get; set; } = null!;
    [Inject] private NavigationManager Navigation { get; set; } = null!;
    [Inject] private IStringLocalizer<Text> T { get; set; } = null!;
    [Inject] private ILogger<RegionPage> Logger { get; set; } = null!;
    [Inject] private AntiFraud.Dashboard.Live.RollUpLag RollUps { get; set; } = null!;

    /// <summary>GB/T 2260 code from the address; the nation when absent.</summary>
    [Parameter] public string? Code { get; set; }

    /// <summary>First China day of the range (YYYY-MM-DD); this month so far when absent.</summary>
    [SupplyParameterFromQuery(Name = "from")] public string? From { get; set; }

    /// <summary>Last China day of the range (YYYY-MM-DD), included.</summary>
    [SupplyParameterFromQuery(Name = "to")] public string? To { get; set; }

    private Region? _region;
    private string? _error;
    private AnalysisPeriod _period;
    private DateRange _pickerRange = new();
    private string? _rangeProblem;
    private RegionAnalysis? _analysis;
    private Dictionary<RegionCode, double>? _mapValues;
    private string? _forbidden;
    private RegionCode _home;
    private bool _canExport;

    [Inject] private AntiFraud.Dashboard.Access.CurrentUser User { get; set; } = null!;

    [Inject] private AntiFraud.Dashboard.Access.RegionGate Gate { get; set; } = null!;
    /// <summary>The highest card held inside each child region, marked on the map.</summary>
    private Dictionary<RegionCode, Domain.Cards.CardLevel>? _mapCards;
    private bool _loading;
    private bool _unavailable;
    private (Region Region, AnalysisPeriod Period)? _loaded;
    private CancellationTokenSource? _cancel;

    private DateOnly Today => AnalysisPeriod.Today(Clock);
    private AnalysisPeriod DefaultPeriod => AnalysisPeriod.ThisMonthSoFar(Clock);
    private string FiguresState => _loading ? "loading" : _unavailable ? "error" : _analysis is null ? "idle" : "ready";

    private IEnumerable<(string Label, AnalysisPeriod Period)> Presets =>
    [
        ("Analysis.ThisMonth", DefaultPeriod),
        ("Analysis.Last7Days", AnalysisPeriod.LastDays(Clock, 7)),
        ("Analysis.Last30Days", AnalysisPeriod.LastDays(Clock, 30)),
        ("Analysis.ThisYear", AnalysisPeriod.ThisYearSoFar(Clock)),
    ];

    // Says when the figures are behind the events; once the roll-ups have caught up, reads the figures again.
    protected override void OnInitialized() =>
        _rollUps = new AntiFraud.Dashboard.Live.RollUpWatch(RollUps, InvokeAsync, async behind =>
        {
            if (!behind && _loaded is not null) await LoadAsync();
            StateHasChanged();
        });

    private AntiFraud.Dashboard.Live.RollUpWatch? _rollUps;

    protected override async Task OnParametersSetAsync()
    {
        var access = await Gate.ResolveAsync(Code);
        _canExport = await User.HasAsync(Domain.Access.AccessRole.Analyst);
        _forbidden = access.Forbidden;
        _home = access.Home;
        if (access.Region is not { } region)
        {
            _region = null;
            _error = access.NotFound;
            _loaded = null;
            _cancel?.Cancel();
            return;
        }
        _region = region;
        _error = null;
        _period = RequestedPeriod();
        _pickerRange = new DateRange(_period.From.ToDateTime(TimeOnly.MinValue), _period.To.ToDateTime(TimeOnly.MinValue));
        if (_loaded == (region, _period) && !_unavailable) return;
        if (RendererInfo.IsInteractive) await LoadAsync();
        else _loading = true;
    }

    /// <summary>The range in the address, or this month so far (with a message saying why, when the address asks for an unusable one).</summary>
    private AnalysisPeriod RequestedPeriod()
    {
        _rangeProblem = null;
        if (From is null && To is null) return DefaultPeriod;
        if (AnalysisPeriod.Parse(From, To) is not { } asked)
        {
            _rangeProblem = T["Analysis.RangeUnreadable", From ?? "", To ?? ""];
            return DefaultPeriod;
        }
        if (Problem(asked) is { } problem)
        {
            _rangeProblem = problem + " " + T["Analysis.ShowingDefault"];
            return DefaultPeriod;
        }
        return asked;
    }

    private string? Problem(AnalysisPeriod period) =>
        period.From > period.To ? T["Analysis.RangeReversed"].Value
        : period.Days > AnalysisPeriod.MaxDays ? T["Analysis.RangeTooLong", period.Days, AnalysisPeriod.MaxDays].Value
        : null;

    private async Task OnRangePickedAsync(DateRange? range)
    {
        if (range?.Start is not { } start || range.End is not { } end)
        {
            _rangeProblem = T["Analysis.RangeIncomplete"];
            return;
        }
        await ShowAsync(new AnalysisPeriod(DateOnly.FromDateTime(start), DateOnly.FromDateTime(end)));
    }

    /// <summary>Puts the range into the address; the page reloads its figures from there.</summary>
    private Task ShowAsync(AnalysisPeriod period)
    {
        if (Problem(period) is { } problem)
        {
            _rangeProblem = problem;
            return Task.CompletedTask;
        }
        _rangeProblem = null;
        Navigation.NavigateTo(Href(_region!.Code, period), new NavigationOptions { ReplaceHistoryEntry = true });
        return Task.CompletedTask;
    }

    /// <summary>A region page with the current range (nothing added for the default range, so plain links stay plain).</summary>
    private string Href(RegionCode code) => Href(code, _period);

    private string Href(RegionCode code, AnalysisPeriod period) =>
        period == DefaultPeriod ? $"regions/{code}" : $"regions/{code}?from={AnalysisPeriod.Iso(period.From)}&to={AnalysisPeriod.Iso(period.To)}";

    private string RangeText(AnalysisPeriod period) => T["Analysis.RangeText", AnalysisPeriod.Iso(period.From), AnalysisPeriod.Iso(period.To)];

    private async Task LoadAsync()
    {
        if (_region is null) return;
        _cancel?.Cancel();
        _cancel?.Dispose();
        var cancel = _cancel = new CancellationTokenSource();
        var (region, period) = (_region, _period);
        if (_analysis is not null && _analysis.Now.Region != region.Code)
        {
            // Another region: its old figures must not stand under the new name while the new ones load.
            _analysis = null;
            _mapValues = null;
        }
        _loading = true;
        _unavailable = false;
        StateHasChanged();
        try
        {
            await using var session = Store.QuerySession();
            var analysis = await RegionAnalysis.LoadAsync(session, region, period, cancel.Token);
            if (cancel.IsCancellationRequested) return;
            _analysis = analysis;
            _mapValues = analysis.Children.ToDictionary(c => c.Code, c => (double)c.Incidents);
            _mapCards = Domain.Cards.CardQueries.HighestByChild(region, await Domain.Cards.CardQueries.ActiveWithinAsync(session, region.Code, cancel.Token));
            _loaded = (region, period);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e) when (DatabaseTrouble.IsUnavailable(e))
        {
            if (cancel.IsCancellationRequested) return;
            Logger.LogWarning(e, "The figures of {Region} for {Period} could not be read", region.Code, period);
            _unavailable = true;
            _analysis = null;
            _mapValues = null;
            _loaded = null;
        }
        _loading = false;
    }

    public void Dispose()
    {
        _rollUps?.Dispose();
        _cancel?.Cancel();
        _cancel?.Dispose();
    }
}
