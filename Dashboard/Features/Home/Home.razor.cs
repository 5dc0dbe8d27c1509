using AntiFraud.Dashboard.Access;
using AntiFraud.Dashboard.Features.Regions;
using AntiFraud.Dashboard.Features.Shell;
using AntiFraud.Dashboard.Live;
using AntiFraud.Dashboard.Localization;
using AntiFraud.Domain.Cards;
using AntiFraud.Domain.Figures;
using AntiFraud.Domain.Regions;
using Marten;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace AntiFraud.Dashboard.Features.Home;

/// <summary>
/// Where everyone lands after signing in: today's figures for the person's own jurisdiction (China day, against the same time
/// yesterday), the cards held inside it, and the way to its wall screen and its drill-down. The figures follow the live feed
/// (at most once a second); cards are read again when one is issued or lifted.
/// </summary>
public partial class Home : IDisposable
{
    [Inject] private CurrentUser User { get; set; } = null!;
    [Inject] private RegionCatalog Catalog { get; set; } = null!;
    [Inject] private IDocumentStore Store { get; set; } = null!;
    [Inject] private LiveFeed Feed { get; set; } = null!;
    [Inject] private TimeProvider Clock { get; set; } = null!;
    [Inject] private RollUpLag RollUps { get; set; } = null!;
    [Inject] private IStringLocalizer<Text> T { get; set; } = null!;
    [Inject] private ILogger<Home> Logger { get; set; } = null!;

    private enum HomeState { Loading, Ready, Unavailable, NoJurisdiction }

    private sealed record Figure(string Key, string Value, decimal? Change, bool UpIsGood);

    private HomeState _state = HomeState.Loading;
    private Region? _region;
    private DateOnly _day;
    private FigureSet _today = FigureSet.Zero;
    private FigureSet _yesterdaySameTime = FigureSet.Zero;
    private int _red, _yellow;
    private DateTimeOffset _readAt;
    private IDisposable? _subscription;

    private static readonly (string Title, string Text, string Icon)[] Audiences =
    [
        ("Home.ForDuty", "Home.ForDutyText", Icons.Material.Filled.Monitor),
        ("Home.ForCommanders", "Home.ForCommandersText", Icons.Material.Filled.AccountTree),
        ("Home.ForEveryone", "Home.ForEveryoneText", Icons.Material.Filled.Article),
        ("Home.ForSystems", "Home.ForSystemsText", Icons.Material.Filled.SyncAlt),
    ];

    protected override async Task OnInitializedAsync()
    {
        if (await User.JurisdictionAsync() is not { } jurisdiction || !Catalog.TryGet(jurisdiction, out var region))
        {
            _state = HomeState.NoJurisdiction;
            return;
        }
        _region = region;
        _apply = new Timer(_ => _ = ApplyAsync(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        // While history is being counted (a first start) today's figures are low: the page says so rather than "nothing
        // reported", and reads the figures again once they are counted.
        _rollUps = new RollUpWatch(RollUps, InvokeAsync, async behind =>
        {
            if (!behind && _state == HomeState.Ready) await LoadAsync();
            StateHasChanged();
        });
        _subscription = Feed.Subscribe(region.Code, OnMessage);
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        if (_region is not { } region) return;
        // A first read or a retry shows progress; a new day's read keeps the old figures until the new ones are in.
        if (_state != HomeState.Ready) _state = HomeState.Loading;
        try
        {
            var now = Clock.GetUtcNow();
            await using var session = Store.QuerySession();
            (_day, _today, _yesterdaySameTime) = await WallFigures.TodaySoFarAsync(session, region.Code, now);
            await ReadCardsAsync(session);
            _readAt = now;
            _state = HomeState.Ready;
        }
        catch (Exception e) when (DatabaseTrouble.IsUnavailable(e))
        {
            Logger.LogWarning(e, "The home page could not read the figures of {Region}", region.Code);
            _state = HomeState.Unavailable;
        }
    }

    private async Task ReadCardsAsync(IQuerySession session)
    {
        var cards = await CardQueries.ActiveWithinAsync(session, _region!.Code);
        _red = cards.Count(c => c.Level == CardLevel.Red);
        _yellow = cards.Count(c => c.Level == CardLevel.Yellow);
    }

    // Messages arrive on the relay's thread, in the relay's culture; they are applied by a timer made in the circuit, so the
    // page renders in its reader's language (as the wall and the cards page do), and a burst is applied once.
    private static readonly TimeSpan ApplyDelay = TimeSpan.FromMilliseconds(250);
    private Timer? _apply;
    private FiguresChangedMessage? _latestFigures;
    private int _cardsDue, _applyDue;

    private void OnMessage(ILiveMessage message)
    {
        switch (message)
        {
            case FiguresChangedMessage figures:
                Volatile.Write(ref _latestFigures, figures);
                break;
            case CardIssuedMessage or CardLiftedMessage:
                Interlocked.Exchange(ref _cardsDue, 1);
                break;
            default:
                return;
        }
        if (Interlocked.Exchange(ref _applyDue, 1) != 0 || _apply is not { } timer) return;
        try { timer.Change(ApplyDelay, Timeout.InfiniteTimeSpan); }
        catch (ObjectDisposedException) { /* The page closed while the message was on its way. */ }
    }

    private async Task ApplyAsync()
    {
        Interlocked.Exchange(ref _applyDue, 0);
        var figures = Interlocked.Exchange(ref _latestFigures, null);
        var cards = Interlocked.Exchange(ref _cardsDue, 0) == 1;
        try
        {
            await InvokeAsync(async () =>
            {
                if (_state != HomeState.Ready) return;
                if (figures is not null && figures.Day != _day)
                {
                    // A new China day: everything is read again.
                    await LoadAsync();
                }
                else
                {
                    if (figures is not null)
                    {
                        _today = figures.Today;
                        _readAt = Clock.GetUtcNow();
                    }
                    if (cards) await RereadCardsAsync();
                }
                StateHasChanged();
            });
        }
        catch (ObjectDisposedException)
        {
            // The circuit ended meanwhile.
        }
    }

    private async Task RereadCardsAsync()
    {
        try
        {
            await using var session = Store.QuerySession();
            await ReadCardsAsync(session);
        }
        catch (Exception e) when (DatabaseTrouble.IsUnavailable(e))
        {
            // The counts stay as they were; the next change or visit reads them again.
            Logger.LogWarning(e, "The home page could not read the cards of {Region}", _region?.Code);
        }
    }

    private IEnumerable<Figure> Figures()
    {
        decimal? Change(Func<FigureSet, decimal> of) => Format.Change(of(_today), of(_yesterdaySameTime));
        yield return new Figure("Incidents", Format.Count(_today.Incidents), Change(f => f.Incidents), false);
        yield return new Figure("Loss", Format.Money(_today.Loss), Change(f => f.Loss), false);
        yield return new Figure("Stopped", Format.Money(_today.Stopped), Change(f => f.Stopped), true);
        yield return new Figure("Frozen", Format.Money(_today.Frozen), Change(f => f.Frozen), true);
        yield return new Figure("WarningsIssued", Format.Count(_today.WarningsIssued), Change(f => f.WarningsIssued), false);
        yield return new Figure("Dissuaded", Format.Count(_today.Dissuaded), Change(f => f.Dissuaded), true);
    }

    private RollUpWatch? _rollUps;

    public void Dispose()
    {
        _subscription?.Dispose();
        _apply?.Dispose();
        _rollUps?.Dispose();
    }
}
