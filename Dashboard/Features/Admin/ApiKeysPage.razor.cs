using System.Globalization;
using AntiFraud.Dashboard.Access;
using AntiFraud.Dashboard.Api;
using AntiFraud.Domain.Regions;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace AntiFraud.Dashboard.Features.Admin;

/// <summary>
/// The API keys of reporting centres inside the administrator's jurisdiction: issue one (its secret is shown once, here) or
/// revoke one after a confirmation. <see cref="ApiKeyAdministration"/> holds the rules and writes the audit entries.
/// </summary>
public partial class ApiKeysPage : AdminListPage<ApiKey, IssuedApiKey>
{
    [Inject] private ApiKeyAdministration Admin { get; set; } = null!;

    // Live keys first, newest first; revoked ones after them.
    protected override async Task<IReadOnlyList<ApiKey>> ReadAsync(AdminActor actor) =>
        (await Admin.ListAsync(actor)).OrderBy(k => k.RevokedAt is not null).ThenByDescending(k => k.IssuedAt).ToList();

    private string CentreText(RegionCode centre) => $"{centre} {UserDialog.RegionName(Catalog, centre)}";

    private static string Iso(DateTimeOffset moment) => moment.ToString("O", CultureInfo.InvariantCulture);

    private async Task CreateAsync()
    {
        if (Actor is not { } actor || Busy) return;
        IssuedApiKey? issued = null;
        var parameters = new DialogParameters<ApiKeyDialog>
        {
            { x => x.Jurisdiction, actor.Jurisdiction },
            {
                x => x.Submit, async (region, name) =>
                {
                    var result = await Admin.CreateAsync(actor, region, name);
                    if (result.Value is { } done)
                    {
                        issued = done;
                        ShowSecret(done);
                    }
                    return result.Refusal;
                }
            },
        };
        var submitted = await ShowDialogAsync(T["Admin.KeyDialog.Title"], parameters);
        if (submitted && issued is { } key) Done(T["Admin.Keys.Done.Issued", CentreText(key.Key.Centre), key.Key.Name]);
        await LoadAsync();
    }

    private async Task RevokeAsync(ApiKey key)
    {
        if (Busy || !await ConfirmAsync(T["Admin.Keys.RevokeTitle", key.Name, CentreText(key.Centre)], T["Admin.Keys.RevokeConfirm", key.Name], T["Admin.Keys.Revoke"])) return;
        await RunAsync($"revoke key {key.Id}", async actor => (await Admin.RevokeAsync(actor, key.Id)).Refusal, T["Admin.Keys.Done.Revoked", key.Name]);
    }
}
