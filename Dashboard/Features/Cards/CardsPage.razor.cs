using AntiFraud.Dashboard.Features.Incidents;
using AntiFraud.Dashboard.Features.Regions;
using AntiFraud.Dashboard.Live;
using AntiFraud.Dashboard.Localization;
using AntiFraud.Domain.Cards;
using AntiFraud.Domain.Regions;
using AntiFraud.Jobs;
using AntiFraud.Jobs.Cards;
using Hangfire;
using Marten;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace AntiFraud.Dashboard.Features.Cards;

/// <summary>
/// The red and yellow cards (红黄牌警告) of a region's subtree: the cards held now with why, every decision ever taken, and a
/// commander's hand on them (issue, escalate, lift, with a reason). Every decision goes through <see cref="CardDesk"/>, whose
/// rules are the authority; the page reads the cards again after each.
/// <para>
/// The page is live: a card issued, escalated or lifted anywhere in the subtree (by another commander, or by the rules) is pushed
/// through the node's relay and the page reads the cards again, at most once per <see cref="LiveReadDelay"/>. A worker in a
/// separate process does not push, so the page also reads them again every <see cref="RereadInterval"/>.
/// </para>
/// </summary>
public partial class CardsPage : ComponentBase, IDisposable
{
    /// <summary>Card messages arriving together (the nightly rules decide many at once) are read in one go after this delay.</summary>
    public static readonly TimeSpan LiveReadDelay = TimeSpan.FromMilliseconds(500);
    public static readonly TimeSpan RereadInterval = TimeSpan.FromSeconds(60);

    public enum LoadState { Loading, Ready, UnknownRegion, Unavailable, Failed, Forbidden }

    /// <summary>Rows per page of the history table.</summary>
    public const int HistoryPageSize = 20;

    // Every decision taken from this screen is the signed-in commander's centre's (their jurisdiction).
    private RegionCode ActingCentre { get; set; } = RegionCode.National;
    private bool _canAct;
    private string? _forbidden;

    [Inject] private IDocumentStore Store { get; set; } = null!;
    [Inject] private CardDesk Desk { get; set; } = null!;
    [Inject] private IBackgroundJobClient Jobs { get; set; } = null!;
    [Inject] private RegionCatalog Catalog { get; set; } = null!;
    [Inject] private IOptions<CardRules> RulesOptions { get; set; } = null!;
    [Inject] private IOptions<JobsOptions> JobsOptions { get; set; } = null!;
    [Inject] private TimeProvider Clock { get; set; } = null!;
    [Inject] private IDialogService Dialogs { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;
    [Inject] private IStringLocalizer<Text> T { get; set; } = null!;
    [Inject] private ILogger<CardsPage> Logger { get; set; } = null!;
    [Inject] private AntiFraud.Dashboard.Access.RegionGate Gate { get; set; } = null!;
    [Inject] private AntiFraud.Dashboard.Access.CurrentUser User { get; set; } = null!;
    [Inject] private AntiFraud.Dashboard.Access.Auditor Audit { get; set; } = null!;
    [Inject] private LiveFeed Feed { get; set; } = null!;

    /// <summary>The region whose subtree is shown, as typed in the address (?region=440000); the nation when absent.</summary>
    [SupplyParameterFromQuery(Name = "region")] public string? RegionText { get; set; }

    private LoadState _load = LoadState.Loading;
    private Region? _scope;
    private CardsView? _view;
    private bool _busy, _queueing;
    private DateTimeOffset? _queuedAt;

    private IDisposable? _subscription;
    private RegionCode? _watching;
    private Timer? _liveRead, _reread;
    private int _liveReadDue;
    /// <summary>When the page last showed a change it was told about, for its status line.</summary>
    private DateTimeOffset? _liveChangedAt;

    private CardRules Rules => RulesOptions.Value;

    private string ScopeName => _scope?.DisplayName ?? "";

    private string PageTitle => _scope is { } s ? T["Card.Heading", s.DisplayName] : T["Card.Title"];

    /// <summary>"00:30" for the shipped schedule, or the cron expression when it is not a simple daily time.</summary>
    private string Schedule => CardText.DailyTime(JobsOptions.Value.CardsCron) is { } time
        ? T["Card.ScheduleDaily", time]
        : T["Card.ScheduleCron", JobsOptions.Value.CardsCron];

    protected override async Task OnParametersSetAsync()
    {
        var access = await Gate.ResolveAsync(RegionText);
        ActingCentre = access.Home;
        _canAct = await User.HasAsync(Domain.Access.AccessRole.Commander);
        if (access.Forbidden is not null)
        {
            (_scope, _view, _load, _forbidden) = (null, null, LoadState.Forbidden, access.Forbidden);
            return;
        }
        if (access.Region is not { } scope)
        {
            (_scope, _view, _load) = (null, null, LoadState.UnknownRegion);
            return;
        }
        Watch(scope.Code);
        if (_scope?.Code == scope.Code && _view is not null) return;
        (_scope, _view, _load) = (scope, null, LoadState.Loading);
        await LoadAsync();
    }

    /// <summary>Follows the card decisions of <paramref name="scope"/>'s subtree (once per scope; a new scope replaces the old).</summary>
    private void Watch(RegionCode scope)
    {
        if (_watching == scope) return;
        // The timers first: a message arriving the moment the subscription starts finds one to arm.
        var liveRead = _liveRead ??= new Timer(_ => _ = ReadLiveAsync(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _reread ??= new Timer(_ => _ = RereadAsync(), null, RereadInterval, RereadInterval);
        _subscription?.Dispose();
        _watching = scope;
        _subscription = Feed.Subscribe(scope, message =>
        {
            if (message is not (CardIssuedMessage or CardLiftedMessage)) return;
            // One read for a burst: the first message of a quiet spell arms the timer, the rest find it armed.
            if (Interlocked.Exchange(ref _liveReadDue, 1) != 0) return;
            try { liveRead.Change(LiveReadDelay, Timeout.InfiniteTimeSpan); }
            catch (ObjectDisposedException) { /* The page closed while the message was on its way; the relay goes on to the next screen. */ }
        });
    }

    private async Task ReadLiveAsync()
    {
        Interlocked.Exchange(ref _liveReadDue, 0);
        try
        {
            await InvokeAsync(async () =>
            {
                if (_load != LoadState.Ready) return;
                await LoadAsync(quiet: true);
                _liveChangedAt = Clock.GetUtcNow();
                StateHasChanged();
            });
        }
        catch (ObjectDisposedException)
        {
            // The circuit ended meanwhile.
        }
    }

    private async Task RereadAsync()
    {
        try
        {
            await InvokeAsync(async () =>
            {
                if (_load != LoadState.Ready || _busy) return;
                await LoadAsync(quiet: true);
                StateHasChanged();
            });
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private async Task RetryAsync()
    {
        _load = LoadState.Loading;
        await LoadAsync();
    }

    /// <summary>
    /// Reads the cards again. A failure after a first good read keeps what is shown and says so in a snackbar; a
    /// <paramref name="quiet"/> read (a live update) shows no progress and, failing, leaves the page as it was.
    /// </summary>
    private async Task LoadAsync(bool quiet = false)
    {
        if (_scope is not { } scope) return;
        if (!quiet)
        {
            _busy = true;
            StateHasChanged();
        }
        try
        {
            _view = await CardsView.LoadAsync(Store, scope.Code);
            _load = LoadState.Ready;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var unavailable = DatabaseTrouble.IsUnavailable(e);
            Logger.Log(unavailable ? LogLevel.Warning : LogLevel.Error, e, "The cards of {Region} could not be read", scope.Code);
            if (_view is null) _load = unavailable ? LoadState.Unavailable : LoadState.Failed;
            else if (!quiet) Snackbar.Add(unavailable ? T["Card.Unavailable"] : T["Card.Failed"], Severity.Error);
        }
        finally
        {
            if (!quiet) _busy = false;
        }
    }

    private Task IssueAsync() => DecideAsync(CardAction.Issue, null);

    /// <summary>A commander's decision, refused outright without the role, and written to the audit trail when taken.</summary>
    private async Task<Domain.Common.Decision> DecideAndAuditAsync(CardRequest request)
    {
        if (!_canAct) return Domain.Common.Decision.Refuse("/level", "Only commanders decide cards.");
        var decision = await Desk.DecideAsync(request.Action, request.Region, request.Level, request.Reason, ActingCentre, CancellationToken.None);
        if (!decision.Refused)
            await Audit.RecordAsync(Domain.Access.AuditKinds.CardDecision, await User.GetAsync(), request.Region.ToString(), $"{request.Action} {request.Level}: {request.Reason}", null);
        return decision;
    }

    private async Task DecideAsync(CardAction action, RegionCard? card)
    {
        if (_scope is not { } scope || _busy) return;
        var parameters = new DialogParameters<CardDecisionDialog>
        {
            { x => x.Action, action },
            { x => x.Card, card },
            { x => x.Scope, scope },
            { x => x.Rules, Rules },
            { x => x.Submit, DecideAndAuditAsync },
        };
        var options = new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true, BackdropClick = false };
        var dialog = await Dialogs.ShowAsync<CardDecisionDialog>(T[$"Card.Action.{action}"], parameters, options);
        var result = await dialog.Result;

        // Read again even after a cancel: a refusal may have shown that someone else changed the card meanwhile.
        await LoadAsync();
        if (result is { Canceled: false, Data: CardRequest done })
            Snackbar.Add(Done(done), Severity.Success, o => o.SnackbarVariant = Variant.Outlined);
    }

    private string Done(CardRequest request)
    {
        var name = IncidentText.Name(Catalog, request.Region);
        return request.Action switch
        {
            CardAction.Issue => T["Card.Done.Issue", name, CardText.Level(request.Level, T)],
            CardAction.Escalate => T["Card.Done.Escalate", name],
            _ => T["Card.Done.Lift", name],
        };
    }

    /// <summary>Queues a run of the rules now; a Hangfire server works it in the background, like the nightly run.</summary>
    private async Task EvaluateNowAsync()
    {
        if (_queueing || !_canAct) return;
        _queueing = true;
        try
        {
            await Task.Run(() => Jobs.Enqueue<CardEvaluationJob>(j => j.RunAsync(CancellationToken.None)));
            _queuedAt = Clock.GetUtcNow();
            Snackbar.Add(T["Card.Evaluate.Queued"], Severity.Info, o => o.SnackbarVariant = Variant.Outlined);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var unavailable = DatabaseTrouble.IsUnavailable(e);
            Logger.Log(unavailable ? LogLevel.Warning : LogLevel.Error, e, "The card evaluation could not be queued");
            Snackbar.Add(unavailable ? T["Card.Evaluate.Unavailable"] : T["Card.Evaluate.Failed"], Severity.Error);
        }
        finally
        {
            _queueing = false;
        }
    }

    /// <summary>The scope's ancestors, the nation first, for the breadcrumb.</summary>
    private IEnumerable<Region> Ancestors => _scope?.Ancestors ?? [];

    private static string Href(RegionCode code) => code == RegionCode.National ? "cards" : $"cards?region={code}";

    /// <summary>The rules in one paragraph, so a commander knows what the nightly run looks at before reading any card.</summary>
    private string RulesSummary
    {
        get
        {
            var r = Rules;
            var indicators = string.Join(T["Card.ListSeparator"], r.Indicators.Select(i => T[$"Indicator.{i.Indicator}"].Value));
            return T["Card.RulesSummary", T[$"Tier.{r.Tier}"], r.WindowMonths, indicators, r.RedWhenIndicators, r.EscalateAfterMonths, r.LiftAfterImprovingMonths];
        }
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _liveRead?.Dispose();
        _reread?.Dispose();
    }
}
