using AntiFraud.Dashboard.Features.Shell;
using AntiFraud.Dashboard.Access;
using AntiFraud.Dashboard.Features.Cards;
using AntiFraud.Dashboard.Features.Regions;
using AntiFraud.Dashboard.Localization;
using AntiFraud.Domain.Access;
using AntiFraud.Domain.Regions;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace AntiFraud.Dashboard.Features.Admin;

/// <summary>What an administrator filled in: a new person (with a user name) or new roles and jurisdiction for an existing one.</summary>
public sealed record UserInput(string? UserName, string? DisplayName, string? Region, IReadOnlyList<AccessRole> Roles);

/// <summary>
/// Creating a person, or changing one's roles and jurisdiction. The page's <see cref="Submit"/> applies the administration rules;
/// a refusal stays in the dialog in the reader's language, and the dialog closes only once the change is stored.
/// </summary>
public partial class UserDialog : ComponentBase
{
    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = null!;

    [Inject] private IStringLocalizer<Text> T { get; set; } = null!;
    [Inject] private RegionCatalog Catalog { get; set; } = null!;
    [Inject] private ILogger<UserDialog> Logger { get; set; } = null!;

    /// <summary>The person changed; null when creating one.</summary>
    [Parameter] public ManagedUser? Existing { get; set; }

    /// <summary>The administrator's own jurisdiction: every account they manage lies inside it.</summary>
    [Parameter, EditorRequired] public RegionCode Jurisdiction { get; set; }

    /// <summary>Stores the change; answers why not (nothing stored then), or null once it is stored.</summary>
    [Parameter, EditorRequired] public Func<UserInput, Task<AdminRefusal?>> Submit { get; set; } = null!;

    private MudForm? _form;
    private string? _userName, _displayName, _region;
    private readonly HashSet<AccessRole> _roles = [];
    private bool _saving;
    private string? _refusal;

    private string Title => Existing is { } user ? T["Admin.EditTitle", user.UserName] : T["Admin.UserDialog.CreateTitle"];

    protected override void OnInitialized()
    {
        if (Existing is { } user)
        {
            _region = user.Jurisdiction.ToString();
            _roles.UnionWith(user.Roles);
        }
        else
        {
            _region = Jurisdiction.ToString();
            _roles.Add(AccessRole.DutyOfficer);
        }
    }

    private string RegionHelp =>
        Catalog.TryResolve(_region, out var region, out _) && region.Code.IsWithin(Jurisdiction)
            ? CardRegionInput.Place(region)
            : T["Admin.Field.RegionHelp", RegionName(Catalog, Jurisdiction)];

    private string? ValidateRegion(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (!Catalog.TryResolve(text, out var region, out _)) return T["Admin.Problem.RegionInvalid", text.Trim()];
        if (region.Code.IsWithin(Jurisdiction)) return null;
        return T["Admin.Problem.RegionOutside", region.DisplayName, RegionName(Catalog, Jurisdiction)];
    }

    private void Toggle(AccessRole role, bool on)
    {
        if (on) _roles.Add(role);
        else _roles.Remove(role);
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
            var refusal = await Submit(new UserInput(_userName, _displayName, _region, [.. _roles.Order()]));
            if (refusal is null)
            {
                Dialog.Close(DialogResult.Ok(true));
                return;
            }
            _refusal = Describe(refusal, T, Catalog, Jurisdiction);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var unavailable = DatabaseTrouble.IsUnavailable(e);
            Logger.Log(unavailable ? LogLevel.Warning : LogLevel.Error, e, "Saving a user ({Mode}) failed", Existing is null ? "create" : "change");
            _refusal = unavailable ? T["Admin.SaveUnavailable"] : T["Admin.SaveFailed"];
        }
        finally
        {
            _saving = false;
        }
    }

    /// <summary>A refusal of the administration rules in the reader's language.</summary>
    internal static string Describe(AdminRefusal refusal, IStringLocalizer<Text> T, RegionCatalog catalog, RegionCode jurisdiction) => refusal.Problem switch
    {
        AdminProblem.RegionOutside => T["Admin.Problem.RegionOutside",
            RegionCode.TryParse(refusal.Detail, out var code, out _) ? RegionName(catalog, code) : refusal.Detail ?? "", RegionName(catalog, jurisdiction)],
        AdminProblem.NameTaken or AdminProblem.RoleUnknown or AdminProblem.RegionInvalid or AdminProblem.Rejected => T[$"Admin.Problem.{refusal.Problem}", refusal.Detail ?? ""],
        _ => T[$"Admin.Problem.{refusal.Problem}"],
    };

    /// <summary>The region's name, or its code when the catalogue does not know it.</summary>
    internal static string RegionName(RegionCatalog catalog, RegionCode code) => catalog.TryGet(code, out var region) ? region.DisplayName : code.ToString();

    /// <summary>The regions above, "广东省 · 深圳市", for context under a name; empty for a province or the nation.</summary>
    internal static string Parents(RegionCatalog catalog, RegionCode code) => CardText.Parents(catalog, code);

    /// <summary>The roles in the reader's language, in the order of the role list.</summary>
    internal static string Roles(IEnumerable<AccessRole> roles, IStringLocalizer<Text> T) =>
        Format.List(roles.Order().Select(r => T[$"Admin.Role.{r}"].Value));
}
