using AntiFraud.Dashboard.Features.Shell;
using AntiFraud.Dashboard.Localization;
using AntiFraud.Domain.Common;
using AntiFraud.Domain.Incidents;
using AntiFraud.Domain.Regions;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace AntiFraud.Dashboard.Features.Incidents;

/// <summary>
/// The form of one action. It checks what was typed, builds the command and hands it to <see cref="Submit"/>; a refusal stays
/// in the dialog, in the reader's language, so the commander can correct and try again. It closes only once the step is stored.
/// </summary>
public partial class IncidentActionDialog : ComponentBase
{
    public const int CaseNumberLength = 64;

    /// <summary>
    /// A filled button in a theme colour (primary, error) with the page background as its text: readable on both themes, where the
    /// theme's white text on the bright wall colours is not.
    /// </summary>
    internal static string Strong(string palette) => $"background-color:var(--mud-palette-{palette});color:var(--mud-palette-background)";
    private const int MaxPeople = 100_000;

    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = null!;

    [Inject] private IStringLocalizer<Text> T { get; set; } = null!;
    [Inject] private RegionCatalog Catalog { get; set; } = null!;
    [Inject] private TimeProvider Clock { get; set; } = null!;
    [Inject] private ILogger<IncidentActionDialog> Logger { get; set; } = null!;

    [Parameter, EditorRequired] public IncidentAction Action { get; set; }
    [Parameter, EditorRequired] public ActionContext Context { get; set; } = null!;

    /// <summary>Records the command (the page passes the ledger) and answers what happened.</summary>
    [Parameter, EditorRequired] public Func<IncidentCommand, Task<ReportResult>> Submit { get; set; } = null!;

    /// <summary>The centre the step is recorded for: the signed-in commander's jurisdiction.</summary>
    [Parameter] public RegionCode ActingCentre { get; set; } = RegionCode.National;

    private MudForm? _form;
    private string? _amount, _caseNumber, _count, _homeRegions, _arrests, _target, _reason;
    private bool _saving;
    private string? _refusalTitle;
    private IReadOnlyList<string>? _refusal;

    // When a save fails without an answer, the same content is sent again under the same external id, so a step that was in
    // fact stored is recognised as a retry instead of being recorded twice.
    private (string ExternalId, string Hash)? _unanswered;

    private string? Hint => Action switch
    {
        IncidentAction.RequestStopPayment => T["Incident.Hint.Stop", IncidentText.Yuan(Math.Max(0, Context.Loss - Context.Stopped)), IncidentText.Yuan(Context.Loss), IncidentText.Yuan(Context.Stopped)].Value,
        IncidentAction.FreezeFunds => T["Incident.Hint.Freeze", IncidentText.Yuan(Math.Max(0, Context.Loss - Context.Frozen)), IncidentText.Yuan(Context.Loss), IncidentText.Yuan(Context.Frozen)].Value,
        IncidentAction.ReturnFunds => T["Incident.Hint.Return", IncidentText.Yuan(Math.Max(0, Context.Frozen - Context.Returned)), IncidentText.Yuan(Context.Frozen), IncidentText.Yuan(Context.Returned)].Value,
        IncidentAction.Escalate => T["Incident.Hint.Escalate"].Value,
        _ => null,
    };

    private string HomeRegionsHelp
    {
        get
        {
            var known = ActionInput.Codes(_homeRegions).Select(c => Catalog.TryResolve(c, out var r, out _) ? r : null).OfType<Region>().ToList();
            return known.Count == 0 ? T["Incident.Field.HomeRegionsHelp"] : Format.Places(known.Select(r => IncidentText.Place(Catalog, r.Code)));
        }
    }

    private string? ValidateAmount(string? text) => ActionInput.AmountError(text, out _) is { } key ? T[key].Value : null;

    private string? ValidateSuspectCount(string? text) => ActionInput.TryCount(text, 1, MaxPeople, out _) ? null : T["Incident.Invalid.SuspectCount"].Value;

    private string? ValidateArrests(string? text) => ActionInput.TryCount(text, 0, MaxPeople, out _) ? null : T["Incident.Invalid.Arrests"].Value;

    private string? ValidateHomeRegions(string? text)
    {
        var codes = ActionInput.Codes(text);
        foreach (var code in codes)
            if (!Catalog.TryResolve(code, out _, out _)) return T["Incident.Invalid.RegionCode", code];
        if (ActionInput.TryCount(_count, 1, MaxPeople, out var count) && codes.Count > count) return T["Incident.Invalid.TooManyRegions"];
        return null;
    }

    private void Cancel() => Dialog.Cancel();

    // Enter submits the short forms; where a reason is written (and closing cannot be undone) only the button does.
    private Task OnEnterAsync() => Action is IncidentAction.Close or IncidentAction.Escalate ? Task.CompletedTask : SaveAsync();

    private async Task SaveAsync()
    {
        if (_saving || _form is null) return;
        await _form.ValidateAsync();
        if (!_form.IsValid) return;
        if (Build() is not { } built) return;

        _saving = true;
        _refusal = null;
        StateHasChanged();
        var (content, make) = built;
        var hash = StreamIds.HashOf(content);
        var externalId = _unanswered is { } pending && pending.Hash == hash ? pending.ExternalId : "ui-" + Guid.NewGuid().ToString("N");
        try
        {
            var command = make(externalId, hash);
            var result = await Submit(command);
            _unanswered = null;
            switch (result.Outcome)
            {
                case ReportOutcome.Created or ReportOutcome.AlreadyStored:
                    Dialog.Close(DialogResult.Ok(command));
                    return;
                case ReportOutcome.NotFound:
                    Refuse([T["Incident.Refusal.Gone"]]);
                    break;
                default:
                    Refuse(RefusalText.Describe(result.Errors, T, Catalog));
                    break;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _unanswered = (externalId, hash);
            Logger.Log(IncidentView.IsDatabaseUnavailable(e) ? LogLevel.Warning : LogLevel.Error, e, "Recording {Action} on an incident failed", Action);
            Refuse([IncidentView.IsDatabaseUnavailable(e) ? T["Incident.SaveUnavailable"] : T["Incident.SaveFailed"]]);
        }
        finally
        {
            _saving = false;
        }
    }

    private void Refuse(IReadOnlyList<string> reasons)
    {
        _refusalTitle = T["Incident.Refused"];
        _refusal = reasons;
    }

    /// <summary>
    /// The command's content (what its request hash is taken from) and how to make it once the external id is known. The hash
    /// leaves the time out: it identifies what was asked, so a retry of the same request is recognised.
    /// </summary>
    private (object[] Content, Func<string, string, IncidentCommand> Make)? Build()
    {
        var at = Clock.GetUtcNow();
        var by = ActingCentre;
        switch (Action)
        {
            case IncidentAction.RequestStopPayment or IncidentAction.FreezeFunds or IncidentAction.ReturnFunds:
                if (ActionInput.AmountError(_amount, out var amount) is not null) return null;
                return ([Action.ToString(), amount], (id, hash) => Action switch
                {
                    IncidentAction.RequestStopPayment => new RequestStopPayment(amount, id, at, by, hash),
                    IncidentAction.FreezeFunds => new FreezeFunds(amount, id, at, by, hash),
                    _ => new ReturnFunds(amount, id, at, by, hash),
                });
            case IncidentAction.FileCase:
                var number = string.IsNullOrWhiteSpace(_caseNumber) ? null : _caseNumber.Trim();
                return ([Action.ToString(), number ?? ""], (id, hash) => new FileCase(number, id, at, by, hash));
            case IncidentAction.IdentifySuspects:
                if (!ActionInput.TryCount(_count, 1, MaxPeople, out var count)) return null;
                var homes = new List<RegionCode>();
                foreach (var code in ActionInput.Codes(_homeRegions))
                {
                    if (!Catalog.TryResolve(code, out var region, out _)) return null;
                    homes.Add(region.Code);
                }
                return ([Action.ToString(), count, string.Join(",", homes)], (id, hash) => new IdentifySuspects(count, homes.ToArray(), id, at, by, hash));
            case IncidentAction.SolveCase:
                if (!ActionInput.TryCount(_arrests, 0, MaxPeople, out var arrests)) return null;
                return ([Action.ToString(), arrests], (id, hash) => new SolveCase(arrests, id, at, by, hash));
            case IncidentAction.Escalate:
                if (!RegionCode.TryParse(_target, out var to, out _) || string.IsNullOrWhiteSpace(_reason)) return null;
                var why = _reason.Trim();
                return ([Action.ToString(), to.ToString(), why], (id, hash) => new Escalate(to, why, id, at, by, hash));
            default:
                if (string.IsNullOrWhiteSpace(_reason)) return null;
                var reason = _reason.Trim();
                return ([Action.ToString(), reason], (id, hash) => new Close(reason, id, at, by, hash));
        }
    }
}
