using AntiFraud.Dashboard.Localization;
using AntiFraud.Domain.Incidents;
using AntiFraud.Dashboard.Access;
using AntiFraud.Domain.Access;
using AntiFraud.Domain.Common;
using AntiFraud.Domain.Regions;
using Marten;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace AntiFraud.Dashboard.Features.Incidents;

/// <summary>
/// One incident for a commander: its facts, where its money went, its history, and the steps that can be recorded on it.
/// Every step goes through <see cref="IncidentLedger.RecordAsync"/>, whose decision is the authority; the page reloads after each.
/// </summary>
public partial class IncidentPage : ComponentBase
{
    public enum LoadState { Loading, Ready, Malformed, Unknown, Unavailable, Failed, Forbidden }

    [Inject] private IDocumentStore Store { get; set; } = null!;
    [Inject] private IncidentLedger Ledger { get; set; } = null!;
    [Inject] private RegionCatalog Catalog { get; set; } = null!;
    [Inject] private IDialogService Dialogs { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;
    [Inject] private IStringLocalizer<Text> T { get; set; } = null!;
    [Inject] private ILogger<IncidentPage> Logger { get; set; } = null!;
    [Inject] private RegionGate Gate { get; set; } = null!;
    [Inject] private CurrentUser User { get; set; } = null!;
    [Inject] private Auditor Audit { get; set; } = null!;

    private string? _forbidden;
    private RegionCode _actingCentre;
    private bool _canAct;

    /// <summary>The incident id from the address, as typed: it may not be an id at all.</summary>
    [Parameter] public string? Id { get; set; }

    private LoadState _load = LoadState.Loading;
    private Guid _id;
    private IncidentView? _view;
    private bool _busy;

    private string PageTitle => _view is { } v
        ? $"{T[$"FraudType.{v.Details.FraudType}"]} · {IncidentText.Name(Catalog, v.Details.County)}"
        : _load is LoadState.Malformed or LoadState.Unknown ? T["Incident.NotFoundTitle"] : T["Incident.Title"];

    private string Heading => _view is { } v
        ? T["Incident.Heading", T[$"FraudType.{v.Details.FraudType}"], IncidentText.Name(Catalog, v.Details.County)]
        : T["Incident.Title"];

    protected override async Task OnParametersSetAsync()
    {
        if (!Guid.TryParse(Id, out var id))
        {
            (_load, _view, _id) = (LoadState.Malformed, null, Guid.Empty);
            return;
        }
        if (id == _id && _view is not null) return;
        (_id, _view, _load) = (id, null, LoadState.Loading);
        await LoadAsync();
    }

    private async Task RetryAsync()
    {
        _load = LoadState.Loading;
        await LoadAsync();
    }

    /// <summary>Reads the incident again. A failure after a first good read keeps the page and says so in a snackbar.</summary>
    private async Task LoadAsync()
    {
        _busy = true;
        StateHasChanged();
        try
        {
            var view = await IncidentView.LoadAsync(Store, _id);
            var jurisdiction = await User.JurisdictionAsync();
            if (view is not null && (jurisdiction is not { } own || !view.Details.County.IsWithin(own)))
            {
                // Outside the jurisdiction: nothing of the incident is kept or shown.
                (_view, _load) = (null, LoadState.Forbidden);
                _forbidden = T["Access.IncidentOutside", jurisdiction is { } j ? Gate.NameOf(j) : "—"];
                return;
            }
            _actingCentre = jurisdiction ?? RegionCode.National;
            _canAct = await User.HasAsync(AccessRole.Commander);
            _view = view;
            _load = _view is null ? LoadState.Unknown : LoadState.Ready;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var unavailable = IncidentView.IsDatabaseUnavailable(e);
            Logger.Log(unavailable ? LogLevel.Warning : LogLevel.Error, e, "Incident {Id} could not be read", _id);
            if (_view is null) _load = unavailable ? LoadState.Unavailable : LoadState.Failed;
            else Snackbar.Add(unavailable ? T["Incident.Unavailable"] : T["Incident.Failed"], Severity.Error);
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task OpenAsync(IncidentAction action)
    {
        if (_view is not { } view || _busy || !_canAct) return;
        var d = view.Details;
        var context = new ActionContext(d.LossAmount, d.Stopped, d.Frozen, d.Returned, IncidentAvailability.EscalationTargets(view.State, Catalog));
        var parameters = new DialogParameters<IncidentActionDialog>
        {
            { x => x.Action, action },
            { x => x.Context, context },
            { x => x.ActingCentre, _actingCentre },
            { x => x.Submit, RecordAsync },
        };
        var options = new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true, BackdropClick = false };
        var dialog = await Dialogs.ShowAsync<IncidentActionDialog>(T[$"Incident.Action.{action}"], parameters, options);
        var result = await dialog.Result;
        if (result is null || result.Canceled) return;

        await LoadAsync();
        // Outlined: the theme's white on its bright green is hard to read on the wall.
        Snackbar.Add(Done(result.Data as IncidentCommand, action), Severity.Success, o => o.SnackbarVariant = Variant.Outlined);
    }

    /// <summary>Records a commander's step and writes it to the audit trail when it was stored.</summary>
    private async Task<ReportResult> RecordAsync(IncidentCommand command)
    {
        var result = await Ledger.RecordAsync(_id, command);
        if (result.Outcome == ReportOutcome.Created)
            await Audit.RecordAsync(AuditKinds.IncidentAction, await User.GetAsync(), _id.ToString(), command.GetType().Name, null);
        return result;
    }

    /// <summary>What was recorded, in a few words for the snackbar: "已登记冻结 8,000.00 元".</summary>
    private string Done(IncidentCommand? command, IncidentAction action) => command switch
    {
        RequestStopPayment s => T["Incident.Done.RequestStopPayment", IncidentText.Yuan(s.Amount)],
        FreezeFunds f => T["Incident.Done.FreezeFunds", IncidentText.Yuan(f.Amount)],
        ReturnFunds r => T["Incident.Done.ReturnFunds", IncidentText.Yuan(r.Amount)],
        Escalate e => T["Incident.Done.Escalate", IncidentText.Centre(T, Catalog, e.To)],
        _ => T[$"Incident.Done.{action}"],
    };

    /// <summary>The county and the regions above it, the nation first.</summary>
    private IEnumerable<Region> Regions(RegionCode county) =>
        Catalog.TryGet(county, out var region) ? [.. region.Ancestors, region] : [];

    // Dark text on the bright status colours: the theme's white reads poorly on yellow and light blue, on either theme.
    private static string? StatusStyle(IncidentStatus status) => status == IncidentStatus.Closed ? null : "color:#0a0f18;font-weight:600";

    private static Color StatusColor(IncidentStatus status) => status switch
    {
        IncidentStatus.Reported => Color.Warning,
        IncidentStatus.Filed => Color.Info,
        IncidentStatus.Solved => Color.Success,
        _ => Color.Default,
    };
}
