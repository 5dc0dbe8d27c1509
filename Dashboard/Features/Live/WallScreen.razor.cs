using System.Collections.Concurrent;
using System.Globalization;
using AntiFraud.Dashboard.Features.Charts;
using AntiFraud.Dashboard.Features.Regions;
using AntiFraud.Dashboard.Live;
using AntiFraud.Dashboard.Localization;
using AntiFraud.Domain.Cards;
using AntiFraud.Domain.Figures;
using AntiFraud.Domain.Incidents;
using AntiFraud.Domain.Regions;
using Marten;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace AntiFraud.Dashboard.Features.Live;

/// <summary>
/// The duty wall: today's figures of a region's subtree, its map, a ticker and charts, all live. Messages from the node's relay are
/// queued and applied on a render tick, so a burst of hundreds of events a second costs at most a few renders a second.
/// </summary>
public partial class WallScreen : ComponentBase, IDisposable
{
    public static readonly TimeSpan RenderInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan ReloadInterval = TimeSpan.FromSeconds(10);
    /// <summary>
    /// The charts (today's hours, the last 30 days, shares of today) move slowly and are redrawn at most this often, while the
    /// figures, the map and the ticker follow every event: ApexCharts redraws a whole chart and measures every label for each
    /// update, about a tenth of a second of the browser's time per chart on every open screen.
    /// </summary>
    private static readonly TimeSpan ChartsInterval = TimeSpan.FromSeconds(30);
    /// <summary>
    /// Each wall re-reads its figures and redraws its charts on its own period: the interval plus a random share of up to half of
    /// it. Walls opened together (one computer driving several screens, or every screen reconnecting after a restart) would
    /// otherwise all read the database and all redraw their charts in the same second, every time; twenty screens on one
    /// computer then held back each new ticker row by a second or more while they all drew at once.
    /// </summary>
    private readonly TimeSpan _reloadEvery = Spread(ReloadInterval), _chartsEvery = Spread(ChartsInterval);
    private static TimeSpan Spread(TimeSpan interval) => interval * (1 + Random.Shared.NextDouble() / 2);
    private const int DonutSlices = 8;
    /// <summary>Cards are pushed as they change; this re-read also catches cards decided by a separate jobs worker.</summary>
    private static readonly TimeSpan CardsRereadInterval = TimeSpan.FromSeconds(60);
    private static readonly string[] HourLabels = Enumerable.Range(0, 24).Select(h => h.ToString("00", CultureInfo.InvariantCulture)).ToArray();

    [Inject] private RegionCatalog Catalog { get; set; } = null!;
    [Inject] private AntiFraud.Dashboard.Access.RegionGate Gate { get; set; } = null!;
    [CascadingParameter] private HttpContext? HttpContext { get; set; }
    [Inject] private IDocumentStore Store { get; set; } = null!;
    [Inject] private LiveFeed Feed { get; set; } = null!;
    [Inject] private FiguresRelay Relay { get; set; } = null!;
    [Inject] private RollUpLag RollUps { get; set; } = null!;
    [Inject] private TimeProvider Clock { get; set; } = null!;
    [Inject] private NavigationManager Navigation { get; set; } = null!;
    [Inject] private IStringLocalizer<Text> T { get; set; } = null!;
    [Inject] private ILogger<WallScreen> Logger { get; set; } = null!;

    /// <summary>Region code from the address; the nation when absent.</summary>
    [Parameter] public string? Code { get; set; }

    /// <summary><c>?kiosk=1</c> hides all chrome.</summary>
    [SupplyParameterFromQuery(Name = "kiosk")] public int? KioskFlag { get; set; }

    /// <summary><c>?rotate=44,51,33</c>: regions to cycle through, <c>&amp;every=60</c> seconds each.</summary>
    [SupplyParameterFromQuery(Name = "rotate")] public string? Rotate { get; set; }

    [SupplyParameterFromQuery(Name = "every")] public int? RotateSeconds { get; set; }

    private bool Kiosk => KioskFlag == 1;
    private string KioskQuery => Kiosk ? "?kiosk=1" : "";

    private Region? _region;
    private string? _forbidden;
    private RegionCode _home;
    private string? _error;
    private FigureSet _today = Empty;
    private FigureSet _yesterdaySameTime = Empty;
    private long _intercepted, _interceptedYesterday;
    private double? _medianMinutes;
    private bool _stale;
    /// <summary>The roll-ups' lag while it is worth showing; null otherwise.</summary>
    private RollUpState? _rollUp;
    private int _figuresVersion;
    private Dictionary<RegionCode, double>? _mapValues;
    private readonly List<MapPulse> _pulses = [];
    /// <summary>When the ring on each of the map's regions started.</summary>
    private readonly Dictionary<RegionCode, DateTimeOffset> _pulseStarted = [];
    private List<TickerItem> _ticker = [];
    private ChartSeries _typeSeries = new("", []);
    private string[] _typeLabels = [];
    private ChartSeries[] _hourSeries = [];
    private ChartSeries[] _daySeries = [];
    private string[] _dayLabels = [];
    private IReadOnlyList<RegionCard> _cards = [];
    private Dictionary<RegionCode, CardLevel> _mapCards = [];
    private DateTimeOffset _cardsReadAt = DateTimeOffset.MinValue;
    private bool _cardsWanted;
    private ChartSeries _topSeries = new("", []);
    private string[] _topLabels = [];

    private readonly ConcurrentQueue<ILiveMessage> _pending = new();
    private IDisposable? _subscription;
    private Timer? _tick;
    private Timer? _rotation;
    private DateTimeOffset _lastReload = DateTimeOffset.MinValue;
    private DateTimeOffset _chartsAt = DateTimeOffset.MinValue;
    private bool _reloadWanted;
    private int _ticking;

    private static readonly FigureSet Empty = new(0, 0, 0, 0, 0, 0, 0, 0);

    protected override async Task OnParametersSetAsync()
    {
        var access = await Gate.ResolveAsync(Code);
        _forbidden = access.Forbidden;
        // The first (prerendered) answer carries the refusal's status code too.
        if (_forbidden is not null && HttpContext is { Response.HasStarted: false } http) http.Response.StatusCode = StatusCodes.Status403Forbidden;
        _home = access.Home;
        if (access.Region is not { } region)
        {
            _region = null;
            _error = access.NotFound;
            _subscription?.Dispose();
            _subscription = null;
            return;
        }
        if (_region == region) return;
        _region = region;
        _subscription?.Dispose();
        _pending.Clear();
        _pulses.Clear();
        _pulseStarted.Clear();
        _chartsAt = DateTimeOffset.MinValue;
        _subscription = Feed.Subscribe(region.Code, _pending.Enqueue);
        await ReloadAsync(withTicker: true);
        _tick ??= new Timer(_ => _ = OnTickAsync(), null, RenderInterval, RenderInterval);
        StartRotation();
    }

    private async Task ReloadAsync(bool withTicker)
    {
        if (_region is null) return;
        try
        {
            await using var session = Store.QuerySession();
            var snapshot = await WallFigures.LoadAsync(session, _region, Clock.GetUtcNow());
            if (withTicker)
            {
                var incidents = await WallFigures.LatestIncidentsAsync(session, _region.Code, 10);
                var warnings = await WallFigures.LatestWarningsAsync(session, _region.Code, 6);
                _ticker = incidents.Select(i => new TickerItem(TickerKind.Incident, i.Id, i.County.ToString(), i.ReportedAt, i.FraudType, i.LossAmount, null, null, 0))
                    .Concat(warnings.Select(w => new TickerItem(TickerKind.Warning, w.Id, w.County.ToString(), w.IssuedAt, w.Category, null, w.Level, null, 0)))
                    .OrderByDescending(t => t.At).ToList();
            }
            Apply(snapshot);
            if (withTicker) await LoadCardsAsync(session);
            _lastReload = Clock.GetUtcNow();
            _stale = false;
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException or InvalidOperationException)
        {
            Logger.LogWarning(e, "Wall screen for {Region} could not read its figures", _region.Code);
            _stale = true;
        }
    }

    private async Task LoadCardsAsync(IQuerySession session)
    {
        if (_region is null) return;
        _cards = await CardQueries.ActiveWithinAsync(session, _region.Code);
        _mapCards = CardQueries.HighestByChild(_region, _cards);
        _cardsReadAt = Clock.GetUtcNow();
        _cardsWanted = false;
    }

    private async Task RereadCardsAsync()
    {
        try
        {
            await using var session = Store.QuerySession();
            await LoadCardsAsync(session);
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException or InvalidOperationException)
        {
            Logger.LogWarning(e, "Wall screen for {Region} could not read its cards", _region?.Code);
            _cardsReadAt = Clock.GetUtcNow();
        }
    }

    private void Apply(WallSnapshot s)
    {
        _today = s.Today.Whole();
        _yesterdaySameTime = s.YesterdaySameTime;
        _intercepted = s.Today.Activity.CallsIntercepted + s.Today.Activity.SmsIntercepted;
        _interceptedYesterday = s.Yesterday.Activity.CallsIntercepted + s.Yesterday.Activity.SmsIntercepted;
        _medianMinutes = s.Today.MedianMinutesToCallBack();
        _mapValues = s.ChildrenToday.ToDictionary(c => c.Key, c => (double)c.Value.Incidents);
        _figuresVersion++;

        // Empty charts (their panels say so, until the day's first incident) are filled at once; drawn ones wait for their interval.
        if (s.At - _chartsAt < _chartsEvery && _typeSeries.Data.Count > 0) return;
        _chartsAt = s.At;
        // The donut's legend has room for eight entries on a 1080p wall: the seven largest types and the rest together.
        var types = s.Today.IncidentsByType.Where(t => t.Value > 0).OrderByDescending(t => t.Value)
            .Select(t => (Label: T[$"FraudType.{t.Key}"].Value, Count: t.Value)).ToList();
        if (types.Count > DonutSlices)
            types = [.. types.Take(DonutSlices - 1), (T["Live.OtherFraudTypes"].Value, types.Skip(DonutSlices - 1).Sum(t => t.Count))];
        _typeSeries = new ChartSeries(T["Kpi.Incidents"], types.Select(t => (double)t.Count).ToArray());
        _typeLabels = types.Select(t => t.Label).ToArray();

        var hour = s.At.ToOffset(TimeSpan.FromHours(8)).Hour;
        _hourSeries =
        [
            new ChartSeries(T["Live.Today"], s.Today.Hourly.Incidents.Take(hour + 1).Select(v => (double)v).ToArray()),
            new ChartSeries(T["Live.Yesterday"], s.Yesterday.Hourly.Incidents.Select(v => (double)v).ToArray()),
        ];
        _daySeries = [new ChartSeries(T["Analysis.Incidents"], s.Last30Days.Select(d => (double)d.Incidents).ToArray())];
        _dayLabels = s.Last30Days.Select(d => d.Day.ToString("MM-dd", CultureInfo.InvariantCulture)).ToArray();

        var top = s.ChildrenToday.Where(c => c.Value.Incidents > 0).OrderByDescending(c => c.Value.Incidents).Take(8).ToList();
        _topSeries = new ChartSeries(T["Kpi.Incidents"], top.Select(c => (double)c.Value.Incidents).ToArray());
        _topLabels = top.Select(c => Catalog.Get(c.Key).DisplayName).ToArray();
    }

    /// <summary>Applies queued live messages; returns true when anything on screen changed.</summary>
    internal bool ApplyPending()
    {
        var changed = false;
        while (_pending.TryDequeue(out var message))
        {
            changed = true;
            switch (message)
            {
                case FiguresChangedMessage f when f.RegionCode == _region?.Code.ToString():
                    _today = f.Today;
                    _intercepted = f.CallsIntercepted + f.SmsIntercepted;
                    _medianMinutes = f.MedianMinutesToCallBack;
                    _figuresVersion++;
                    _reloadWanted = true;
                    break;
                case IncidentReportedMessage m:
                    Pulse(m);
                    AddToTicker(m);
                    _reloadWanted = true;
                    break;
                case CardIssuedMessage or CardLiftedMessage:
                    // The card documents carry the explanation; re-read them on this tick.
                    _cardsWanted = true;
                    break;
                default:
                    AddToTicker(message);
                    break;
            }
        }
        return changed;
    }

    /// <summary>How long a ring runs: three beats of 1.6 s (<c>.pulse</c> in app.css).</summary>
    private static readonly TimeSpan PulseRuns = TimeSpan.FromSeconds(4.8);

    /// <summary>
    /// A ring on the map region where the incident landed, unless that region's ring is still running: incidents arriving
    /// every 100 ms in one city keep one ring beating there instead of stacking a new one on it every 100 ms (each a new
    /// element for the browser to lay out and composite: twenty walls at 10 incidents a second spent most of two cores on it).
    /// </summary>
    private void Pulse(IncidentReportedMessage m)
    {
        var code = RegionCode.Parse(m.RegionCode);
        var place = MapPlaceOf(code);
        var now = Clock.GetUtcNow();
        if (_pulseStarted.TryGetValue(place, out var started) && now - started < PulseRuns) return;
        _pulseStarted[place] = now;
        _pulses.RemoveAll(p => MapPlaceOf(p.Code) == place);
        _pulses.Add(new MapPulse(m.Sequence, code));
        if (_pulses.Count > 12) _pulses.RemoveAt(0);
    }

    /// <summary>The region the wall's map draws that holds <paramref name="code"/>: the child of the wall's region above it.</summary>
    private RegionCode MapPlaceOf(RegionCode code)
    {
        foreach (var place in code.SelfAndAncestors())
            if (place.Parent == _region?.Code) return place;
        return code;
    }

    private void AddToTicker(ILiveMessage message)
    {
        if (TickerItem.From(message) is not { } item) return;
        if (_ticker.Any(t => t.Id == item.Id && t.Kind == item.Kind && (t.Sequence == item.Sequence || t.Sequence == 0))) return;
        _ticker.Insert(0, item);
        if (_ticker.Count > 40) _ticker.RemoveRange(40, _ticker.Count - 40);
    }

    private async Task OnTickAsync()
    {
        // Ticks never overlap: a slow reload delays the next render instead of piling up.
        if (Interlocked.Exchange(ref _ticking, 1) == 1) return;
        try
        {
            await InvokeAsync(async () =>
            {
                var changed = ApplyPending();
                var stale = Relay.Stale;
                if (stale != _stale) { _stale = stale; changed = true; }
                var rollUp = RollUps.Current is { Shown: true } behind ? behind : null;
                if (rollUp != _rollUp) { _rollUp = rollUp; changed = true; }
                if (_cardsWanted || Clock.GetUtcNow() - _cardsReadAt > CardsRereadInterval)
                {
                    await RereadCardsAsync();
                    changed = true;
                }
                if (_reloadWanted && Clock.GetUtcNow() - _lastReload > _reloadEvery)
                {
                    _reloadWanted = false;
                    await ReloadAsync(withTicker: false);
                    changed = true;
                }
                if (changed) StateHasChanged();
            });
        }
        catch (ObjectDisposedException)
        {
            // The circuit ended between ticks.
        }
        finally
        {
            Interlocked.Exchange(ref _ticking, 0);
        }
    }

    private decimal? Change(Func<FigureSet, decimal> figure) => Shell.Format.Change(figure(_today), figure(_yesterdaySameTime));

    private void StartRotation()
    {
        if (_rotation is not null || string.IsNullOrWhiteSpace(Rotate) || _region is null) return;
        var stops = Rotate.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(c => Catalog.TryResolve(c, out var r, out _) && r.Code.IsWithin(_home) ? r.Code : (RegionCode?)null).OfType<RegionCode>().ToList();
        if (stops.Count == 0) return;
        var every = TimeSpan.FromSeconds(Math.Clamp(RotateSeconds ?? 60, 10, 3600));
        _rotation = new Timer(_ => InvokeAsync(() =>
        {
            var next = stops[(stops.IndexOf(_region!.Code) + 1) % stops.Count];
            Navigation.NavigateTo($"live/{next}?rotate={Uri.EscapeDataString(Rotate!)}&every={(int)every.TotalSeconds}{(Kiosk ? "&kiosk=1" : "")}");
        }), null, every, every);
    }

    public void Dispose()
    {
        _tick?.Dispose();
        _rotation?.Dispose();
        _subscription?.Dispose();
    }
}
