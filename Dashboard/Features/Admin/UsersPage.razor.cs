using AntiFraud.Dashboard.Access;
using AntiFraud.Dashboard.Features.Regions;
using AntiFraud.Dashboard.Localization;
using AntiFraud.Domain.Regions;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace AntiFraud.Dashboard.Features.Admin;

/// <summary>
/// The people an administrator manages: everyone whose jurisdiction lies inside the administrator's own. Creating a person,
/// changing roles and jurisdiction, unlocking and resetting a password all go through <see cref="UserAdministration"/>
/// (the same rules and audit entries as the command line); a new password is shown once, on this page only.
/// </summary>
public partial class UsersPage : ComponentBase
{
    [Inject] private IServiceProvider Services { get; set; } = null!;
    [Inject] private CurrentUser User { get; set; } = null!;
    [Inject] private RegionCatalog Catalog { get; set; } = null!;
    [Inject] private IStringLocalizer<Text> T { get; set; } = null!;
    [Inject] private IDialogService Dialogs { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;
    [Inject] private ILogger<UsersPage> Logger { get; set; } = null!;

    private enum LoadState { Loading, Ready, Unavailable, Forbidden }

    private UserAdministration _admin = null!;
    private AdminActor? _actor;
    private IReadOnlyList<ManagedUser>? _users;
    private LoadState _state = LoadState.Loading;
    private bool _busy;
    private OneTimePassword? _password;
    private ElementReference _secretPanel;
    private bool _focusSecret;

    private string OwnName => _actor is { } actor ? UserDialog.RegionName(Catalog, actor.Jurisdiction) : "";

    protected override async Task OnInitializedAsync()
    {
        _admin = UserAdministration.For(Services);
        // The policy let an administrator in; one without a jurisdiction still manages no one (deny by default).
        _actor = AdminActor.Of(await User.GetAsync());
        if (_actor is null)
        {
            _state = LoadState.Forbidden;
            return;
        }
        await LoadAsync();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // A new password takes the focus, so a screen reader reads it out at once.
        if (_focusSecret && _password is not null)
        {
            _focusSecret = false;
            await _secretPanel.FocusAsync();
        }
    }

    private async Task LoadAsync()
    {
        if (_actor is not { } actor) return;
        try
        {
            _users = await _admin.ListAsync(actor);
            _state = LoadState.Ready;
        }
        catch (Exception e) when (DatabaseTrouble.IsUnavailable(e))
        {
            Logger.LogWarning(e, "The users could not be read");
            if (_users is null) _state = LoadState.Unavailable;
            else Snackbar.Add(T["Analysis.DatabaseDown"], Severity.Error);
        }
    }

    private bool IsSelf(ManagedUser user) => string.Equals(user.UserName, _actor?.Name, StringComparison.OrdinalIgnoreCase);

    private async Task CreateAsync()
    {
        if (_actor is not { } actor || _busy) return;
        string? created = null;
        var parameters = new DialogParameters<UserDialog>
        {
            { x => x.Jurisdiction, actor.Jurisdiction },
            {
                x => x.Submit, async input =>
                {
                    var result = await _admin.CreateAsync(actor, input.UserName, input.Region, input.Roles, input.DisplayName);
                    if (result.Value is { } done)
                    {
                        ShowPassword(done);
                        created = done.User.UserName;
                    }
                    return result.Refusal;
                }
            },
        };
        if (await ShowAsync<UserDialog>(T["Admin.UserDialog.CreateTitle"], parameters) && created is not null)
            Snackbar.Add(T["Admin.Done.Created", created], Severity.Success, o => o.SnackbarVariant = Variant.Outlined);
        await LoadAsync();
    }

    private async Task EditAsync(ManagedUser user)
    {
        if (_actor is not { } actor || _busy) return;
        var parameters = new DialogParameters<UserDialog>
        {
            { x => x.Existing, user },
            { x => x.Jurisdiction, actor.Jurisdiction },
            { x => x.Submit, async input => (await _admin.UpdateAsync(actor, user.Id, input.Region, input.Roles)).Refusal },
        };
        if (await ShowAsync<UserDialog>(T["Admin.EditTitle", user.UserName], parameters))
            Snackbar.Add(T["Admin.Done.Updated", user.UserName], Severity.Success, o => o.SnackbarVariant = Variant.Outlined);
        await LoadAsync();
    }

    private Task UnlockAsync(ManagedUser user) =>
        RunAsync(user, async actor => (await _admin.UnlockAsync(actor, user.Id)).Refusal, T["Admin.Done.Unlocked", user.UserName]);

    private async Task ResetPasswordAsync(ManagedUser user)
    {
        if (_busy) return;
        var confirmed = await Dialogs.ShowMessageBoxAsync(T["Admin.ResetPasswordTitle", user.UserName], T["Admin.ResetConfirm", user.UserName],
            yesText: T["Admin.ResetPassword"], cancelText: T["Admin.Cancel"],
            options: new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        if (confirmed != true) return;
        await RunAsync(user, async actor =>
        {
            var result = await _admin.ResetPasswordAsync(actor, user.Id);
            if (result.Value is { } done) ShowPassword(done);
            return result.Refusal;
        }, T["Admin.Done.Reset", user.UserName]);
    }

    /// <summary>A step taken straight from the table: busy meanwhile, its refusal or success said in a snackbar, the table read again.</summary>
    private async Task RunAsync(ManagedUser user, Func<AdminActor, Task<AdminRefusal?>> step, string done)
    {
        if (_actor is not { } actor || _busy) return;
        _busy = true;
        StateHasChanged();
        try
        {
            var refusal = await step(actor);
            if (refusal is null) Snackbar.Add(done, Severity.Success, o => o.SnackbarVariant = Variant.Outlined);
            else Snackbar.Add($"{T["Admin.Refused"]} {UserDialog.Describe(refusal, T, Catalog, actor.Jurisdiction)}", Severity.Error);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var unavailable = DatabaseTrouble.IsUnavailable(e);
            Logger.Log(unavailable ? LogLevel.Warning : LogLevel.Error, e, "An administration step on {User} failed", user.UserName);
            Snackbar.Add(unavailable ? T["Admin.SaveUnavailable"] : T["Admin.SaveFailed"], Severity.Error);
        }
        finally
        {
            _busy = false;
        }
        await LoadAsync();
    }

    private async Task<bool> ShowAsync<TDialog>(string title, DialogParameters<TDialog> parameters) where TDialog : ComponentBase
    {
        var options = new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true, BackdropClick = false };
        var dialog = await Dialogs.ShowAsync<TDialog>(title, parameters, options);
        var result = await dialog.Result;
        return result is { Canceled: false };
    }

    private void ShowPassword(OneTimePassword password)
    {
        _password = password;
        _focusSecret = true;
    }

    private void HidePassword() => _password = null;
}
