using System.Globalization;
using AntiFraud.Dashboard.Access;
using AntiFraud.Dashboard.Api;
using AntiFraud.Dashboard.Features.Regions;
using AntiFraud.Dashboard.Localization;
using AntiFraud.Domain.Regions;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace AntiFraud.Dashboard.Features.Admin;

/// <summary>
/// The API keys of reporting centres inside the administrator's jurisdiction: issue one (its secret is shown once, here) or
/// revoke one after a confirmation. <see cref="ApiKeyAdministration"/> holds the rules and writes the audit entries.
/// </summary>
public partial class ApiKeysPage : ComponentBase
{
    [Inject] private IServiceProvider Services { get; set; } = null!;
    [Inject] private CurrentUser User { get; set; } = null!;
    [Inject] private RegionCatalog Catalog { get; set; } = null!;
    [Inject] private IStringLocalizer<Text> T { get; set; } = null!;
    [Inject] private IDialogService Dialogs { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;
    [Inject] private ILogger<ApiKeysPage> Logger { get; set; } = null!;

    private enum LoadState { Loading, Ready, Unavailable, Forbidden }

    private ApiKeyAdministration _admin = null!;
    private AdminActor? _actor;
    private IReadOnlyList<ApiKey>? _keys;
    private LoadState _state = LoadState.Loading;
    private bool _busy;
    private IssuedApiKey? _issued;
    private ElementReference _secretPanel;
    private bool _focusSecret;

    private string OwnName => _actor is { } actor ? UserDialog.RegionName(Catalog, actor.Jurisdiction) : "";

    protected override async Task OnInitializedAsync()
    {
        _admin = ApiKeyAdministration.For(Services);
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
        if (_focusSecret && _issued is not null)
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
            // Live keys first, newest first; revoked ones after them.
            _keys = (await _admin.ListAsync(actor)).OrderBy(k => k.RevokedAt is not null).ThenByDescending(k => k.IssuedAt).ToList();
            _state = LoadState.Ready;
        }
        catch (Exception e) when (DatabaseTrouble.IsUnavailable(e))
        {
            Logger.LogWarning(e, "The API keys could not be read");
            if (_keys is null) _state = LoadState.Unavailable;
            else Snackbar.Add(T["Analysis.DatabaseDown"], Severity.Error);
        }
    }

    private string CentreText(RegionCode centre) => $"{centre} {UserDialog.RegionName(Catalog, centre)}";

    private static string Iso(DateTimeOffset moment) => moment.ToString("O", CultureInfo.InvariantCulture);

    private async Task CreateAsync()
    {
        if (_actor is not { } actor || _busy) return;
        IssuedApiKey? issued = null;
        var parameters = new DialogParameters<ApiKeyDialog>
        {
            { x => x.Jurisdiction, actor.Jurisdiction },
            {
                x => x.Submit, async (region, name) =>
                {
                    var result = await _admin.CreateAsync(actor, region, name);
                    if (result.Value is { } done)
                    {
                        issued = done;
                        _issued = done;
                        _focusSecret = true;
                    }
                    return result.Refusal;
                }
            },
        };
        var options = new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true, BackdropClick = false };
        var dialog = await Dialogs.ShowAsync<ApiKeyDialog>(T["Admin.KeyDialog.Title"], parameters, options);
        var result = await dialog.Result;
        if (result is { Canceled: false } && issued is { } key)
            Snackbar.Add(T["Admin.Keys.Done.Issued", CentreText(key.Key.Centre), key.Key.Name], Severity.Success, o => o.SnackbarVariant = Variant.Outlined);
        await LoadAsync();
    }

    private async Task RevokeAsync(ApiKey key)
    {
        if (_actor is not { } actor || _busy) return;
        var confirmed = await Dialogs.ShowMessageBoxAsync(T["Admin.Keys.RevokeTitle", key.Name, CentreText(key.Centre)], T["Admin.Keys.RevokeConfirm", key.Name],
            yesText: T["Admin.Keys.Revoke"], cancelText: T["Admin.Cancel"],
            options: new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        if (confirmed != true) return;

        _busy = true;
        StateHasChanged();
        try
        {
            var result = await _admin.RevokeAsync(actor, key.Id);
            if (result.Refusal is { } refusal)
                Snackbar.Add($"{T["Admin.Refused"]} {UserDialog.Describe(refusal, T, Catalog, actor.Jurisdiction)}", Severity.Error);
            else
                Snackbar.Add(T["Admin.Keys.Done.Revoked", key.Name], Severity.Success, o => o.SnackbarVariant = Variant.Outlined);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var unavailable = DatabaseTrouble.IsUnavailable(e);
            Logger.Log(unavailable ? LogLevel.Warning : LogLevel.Error, e, "Revoking API key {Key} failed", key.Id);
            Snackbar.Add(unavailable ? T["Admin.SaveUnavailable"] : T["Admin.SaveFailed"], Severity.Error);
        }
        finally
        {
            _busy = false;
        }
        await LoadAsync();
    }

    private void HideSecret() => _issued = null;
}
