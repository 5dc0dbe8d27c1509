using AntiFraud.Dashboard.Access;
using AntiFraud.Dashboard.Features.Regions;
using AntiFraud.Dashboard.Features.Shell;
using AntiFraud.Dashboard.Localization;
using AntiFraud.Domain.Regions;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace AntiFraud.Dashboard.Features.Admin;

/// <summary>
/// What the administration pages share: the administrator as an actor (none without a jurisdiction: deny by default), a list
/// read inside that jurisdiction with loading, empty and unavailable states, one step at a time (busy meanwhile, its refusal or
/// success said in a notice, the list read again), dialogs, and a secret (password or key) shown once and given the focus so a
/// screen reader reads it out at once.
/// </summary>
/// <typeparam name="TItem">What the page lists.</typeparam>
/// <typeparam name="TSecret">What is shown once after a step.</typeparam>
public abstract class AdminListPage<TItem, TSecret> : ComponentBase where TSecret : class
{
    [Inject] private CurrentUser User { get; set; } = null!;
    [Inject] protected RegionCatalog Catalog { get; set; } = null!;
    [Inject] protected IStringLocalizer<Text> T { get; set; } = null!;
    [Inject] protected IDialogService Dialogs { get; set; } = null!;
    [Inject] protected ISnackbar Snackbar { get; set; } = null!;
    [Inject] private ILoggerFactory LoggerFactory { get; set; } = null!;

    protected enum LoadState { Loading, Ready, Unavailable, Forbidden }

    protected AdminActor? Actor { get; private set; }
    protected IReadOnlyList<TItem>? Items { get; private set; }
    protected LoadState State { get; private set; } = LoadState.Loading;
    protected bool Busy { get; private set; }
    protected TSecret? Secret { get; private set; }
    protected ElementReference SecretPanel;
    private bool _focusSecret;
    private ILogger? _logger;

    private ILogger Logger => _logger ??= LoggerFactory.CreateLogger(GetType());

    /// <summary>The administrator's own jurisdiction, named.</summary>
    protected string OwnName => Actor is { } actor ? UserDialog.RegionName(Catalog, actor.Jurisdiction) : "";

    /// <summary>The items inside the actor's jurisdiction, in the order the page shows them.</summary>
    protected abstract Task<IReadOnlyList<TItem>> ReadAsync(AdminActor actor);

    protected override async Task OnInitializedAsync()
    {
        Actor = AdminActor.Of(await User.GetAsync());
        if (Actor is null)
        {
            State = LoadState.Forbidden;
            return;
        }
        await LoadAsync();
    }

    /// <remarks>
    /// A render's after-render step runs when the browser has applied that render, which on a busy browser can be after the
    /// step that set the secret. That render has no panel yet, and its reference is empty, so the focus waits for the render
    /// that captured the panel. The panel has a key of its secret, so a second secret is a new element with a new reference.
    /// </remarks>
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!_focusSecret || Secret is null || SecretPanel.Context is null) return;
        _focusSecret = false;
        try
        {
            await SecretPanel.FocusAsync();
        }
        catch (Exception e) when (BrowserCalls.Failed(e))
        {
            // Hidden again before the browser got to it: nothing left to focus, and nothing the person needs to hear about.
            Logger.LogDebug(e, "The secret panel was gone before it could take the focus");
        }
    }

    protected async Task LoadAsync()
    {
        if (Actor is not { } actor) return;
        try
        {
            Items = await ReadAsync(actor);
            State = LoadState.Ready;
        }
        catch (Exception e) when (DatabaseTrouble.IsUnavailable(e))
        {
            Logger.LogWarning(e, "The administration list could not be read");
            if (Items is null) State = LoadState.Unavailable;
            else Snackbar.Add(T["Analysis.DatabaseDown"], Severity.Error);
        }
    }

    protected void ShowSecret(TSecret secret)
    {
        Secret = secret;
        SecretPanel = default;
        _focusSecret = true;
    }

    protected void HideSecret() => Secret = null;

    protected void Done(string message) => Snackbar.Add(message, Severity.Success, o => o.SnackbarVariant = Variant.Outlined);

    /// <summary>A step taken straight from the list: busy meanwhile, its refusal or success said in a notice, the list read again.</summary>
    protected async Task RunAsync(string what, Func<AdminActor, Task<AdminRefusal?>> step, string done)
    {
        if (Actor is not { } actor || Busy) return;
        Busy = true;
        StateHasChanged();
        try
        {
            var refusal = await step(actor);
            if (refusal is null) Done(done);
            else Snackbar.Add($"{T["Admin.Refused"]} {UserDialog.Describe(refusal, T, Catalog, actor.Jurisdiction)}", Severity.Error);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var unavailable = DatabaseTrouble.IsUnavailable(e);
            Logger.Log(unavailable ? LogLevel.Warning : LogLevel.Error, e, "Administration step {Step} failed", what);
            Snackbar.Add(unavailable ? T["Admin.SaveUnavailable"] : T["Admin.SaveFailed"], Severity.Error);
        }
        finally
        {
            Busy = false;
        }
        await LoadAsync();
    }

    /// <summary>A form dialog; true when it was submitted rather than cancelled.</summary>
    protected async Task<bool> ShowDialogAsync<TDialog>(string title, DialogParameters<TDialog> parameters) where TDialog : ComponentBase
    {
        var options = new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true, BackdropClick = false };
        var dialog = await Dialogs.ShowAsync<TDialog>(title, parameters, options);
        return await dialog.Result is { Canceled: false };
    }

    /// <summary>A yes/cancel question before a step that cannot be undone.</summary>
    protected async Task<bool> ConfirmAsync(string title, string message, string yes) =>
        await Dialogs.ShowMessageBoxAsync(title, message, yesText: yes, cancelText: T["Admin.Cancel"],
            options: new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true }) == true;
}
