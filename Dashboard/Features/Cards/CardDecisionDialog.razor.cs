using AntiFraud.Dashboard.Features.Incidents;
using AntiFraud.Dashboard.Localization;
using AntiFraud.Domain.Cards;
using AntiFraud.Domain.Common;
using AntiFraud.Domain.Regions;
using AntiFraud.Jobs.Cards;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace AntiFraud.Dashboard.Features.Cards;

/// <summary>
/// A commander issues, escalates or lifts a card, always with a reason. The card desk decides; a refusal stays in the dialog in
/// the reader's language so the commander can read it and correct or cancel. It closes only once the decision is stored.
/// </summary>
public partial class CardDecisionDialog : ComponentBase
{
    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = null!;

    [Inject] private IStringLocalizer<Text> T { get; set; } = null!;
    [Inject] private RegionCatalog Catalog { get; set; } = null!;
    [Inject] private ILogger<CardDecisionDialog> Logger { get; set; } = null!;

    /// <summary>What the commander is about to do.</summary>
    [Parameter, EditorRequired] public CardAction Action { get; set; }

    /// <summary>The card escalated or lifted, as the page last read it; null when issuing.</summary>
    [Parameter] public RegionCard? Card { get; set; }

    /// <summary>The region the page shows: a card can be issued to it or anything inside it.</summary>
    [Parameter, EditorRequired] public Region Scope { get; set; } = null!;

    /// <summary>Today's card rules, to explain the card being decided.</summary>
    [Parameter] public CardRules? Rules { get; set; }

    /// <summary>Checks and stores the decision (the page passes the card desk) and answers what the rules said.</summary>
    [Parameter, EditorRequired] public Func<CardRequest, Task<Decision>> Submit { get; set; } = null!;

    private MudForm? _form;
    private string? _region, _reason;
    private CardLevel _level = CardLevel.Yellow;
    private bool _saving;
    private IReadOnlyList<string>? _refusal;

    private string Title => Action switch
    {
        CardAction.Issue => T["Card.Action.Issue"],
        CardAction.Escalate => T["Card.Action.EscalateTitle", RegionName],
        _ => T["Card.Action.LiftTitle", RegionName],
    };

    private string RegionName => Card is { } card ? IncidentText.Name(Catalog, card.Region) : "";

    private string SubmitText => Action switch
    {
        CardAction.Issue => T["Card.Submit.Issue"],
        CardAction.Escalate => T["Card.Submit.Escalate"],
        _ => T["Card.Submit.Lift"],
    };

    private Color SubmitColor => Action == CardAction.Lift ? Color.Primary : Color.Error;

    private string RegionHelp =>
        CardRegionInput.Resolve(_region, Scope, Catalog, T, out _) is { } region
            ? CardRegionInput.Place(region)
            : T["Card.Field.RegionHelp", Scope.DisplayName];

    private string? ValidateRegion(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        CardRegionInput.Resolve(text, Scope, Catalog, T, out var error);
        return error;
    }

    private void Cancel() => Dialog.Cancel();

    private async Task SaveAsync()
    {
        if (_saving || _form is null) return;
        await _form.ValidateAsync();
        if (!_form.IsValid || Build() is not { } request) return;

        _saving = true;
        _refusal = null;
        StateHasChanged();
        try
        {
            var decision = await Submit(request);
            if (!decision.Refused)
            {
                Dialog.Close(DialogResult.Ok(request));
                return;
            }
            _refusal = CardRefusalText.Describe(decision.Errors, T, Catalog);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var unavailable = IncidentView.IsDatabaseUnavailable(e);
            Logger.Log(unavailable ? LogLevel.Warning : LogLevel.Error, e, "Recording a card decision ({Action}) failed", Action);
            _refusal = [unavailable ? T["Card.SaveUnavailable"] : T["Card.SaveFailed"]];
        }
        finally
        {
            _saving = false;
        }
    }

    private CardRequest? Build()
    {
        if (string.IsNullOrWhiteSpace(_reason)) return null;
        var reason = _reason.Trim();
        if (Action != CardAction.Issue)
            return Card is { } card ? new CardRequest(Action, card.Region, card.Level ?? CardLevel.Yellow, reason) : null;
        return CardRegionInput.Resolve(_region, Scope, Catalog, T, out _) is { } region ? new CardRequest(Action, region.Code, _level, reason) : null;
    }
}
