using AntiFraud.Dashboard.Access;
using AntiFraud.Dashboard.Features.Cards;
using AntiFraud.Dashboard.Features.Regions;
using AntiFraud.Dashboard.Localization;
using AntiFraud.Domain.Regions;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace AntiFraud.Dashboard.Features.Admin;

/// <summary>
/// Issuing an API key to a reporting centre inside the administrator's jurisdiction. The page's <see cref="Submit"/> applies the
/// rules; a refusal stays in the dialog, and the dialog closes only once the key is stored (the page then shows its secret once).
/// </summary>
public partial class ApiKeyDialog : ComponentBase
{
    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = null!;

    [Inject] private IStringLocalizer<Text> T { get; set; } = null!;
    [Inject] private RegionCatalog Catalog { get; set; } = null!;
    [Inject] private ILogger<ApiKeyDialog> Logger { get; set; } = null!;

    /// <summary>The administrator's own jurisdiction: keys are issued to centres inside it.</summary>
    [Parameter, EditorRequired] public RegionCode Jurisdiction { get; set; }

    /// <summary>Issues the key for (centre, name); answers why not (nothing stored then), or null once it is stored.</summary>
    [Parameter, EditorRequired] public Func<string?, string?, Task<AdminRefusal?>> Submit { get; set; } = null!;

    private MudForm? _form;
    private string? _region, _name;
    private bool _saving;
    private string? _refusal;

    protected override void OnInitialized() => _region = Jurisdiction.ToString();

    private string RegionHelp =>
        Catalog.TryResolve(_region, out var region, out _) && region.Code.IsWithin(Jurisdiction)
            ? CardRegionInput.Place(region)
            : T["Admin.Field.RegionHelp", UserDialog.RegionName(Catalog, Jurisdiction)];

    private string? ValidateRegion(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (!Catalog.TryResolve(text, out var region, out _)) return T["Admin.Problem.RegionInvalid", text.Trim()];
        if (region.Code.IsWithin(Jurisdiction)) return null;
        return T["Admin.Problem.RegionOutside", region.DisplayName, UserDialog.RegionName(Catalog, Jurisdiction)];
    }

    private void Cancel() => Dialog.Cancel();

    private async Task SaveAsync()
    {
        if (_saving || _form is null) return;
        await _form.ValidateAsync();
        if (!_form.IsValid) return;

        _saving = true;
        _refusal = null;
        StateHasChanged();
        try
        {
            var refusal = await Submit(_region, _name);
            if (refusal is null)
            {
                Dialog.Close(DialogResult.Ok(true));
                return;
            }
            _refusal = UserDialog.Describe(refusal, T, Catalog, Jurisdiction);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var unavailable = DatabaseTrouble.IsUnavailable(e);
            Logger.Log(unavailable ? LogLevel.Warning : LogLevel.Error, e, "Issuing an API key failed");
            _refusal = unavailable ? T["Admin.SaveUnavailable"] : T["Admin.SaveFailed"];
        }
        finally
        {
            _saving = false;
        }
    }
}
