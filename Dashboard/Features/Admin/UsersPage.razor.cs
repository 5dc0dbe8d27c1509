using AntiFraud.Dashboard.Access;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace AntiFraud.Dashboard.Features.Admin;

/// <summary>
/// The people an administrator manages: everyone whose jurisdiction lies inside the administrator's own. Creating a person,
/// changing roles and jurisdiction, unlocking and resetting a password all go through <see cref="UserAdministration"/>
/// (the same rules and audit entries as the command line); a new password is shown once, on this page only.
/// </summary>
public partial class UsersPage : AdminListPage<ManagedUser, OneTimePassword>
{
    [Inject] private UserAdministration Admin { get; set; } = null!;

    protected override Task<IReadOnlyList<ManagedUser>> ReadAsync(AdminActor actor) => Admin.ListAsync(actor);

    private bool IsSelf(ManagedUser user) => string.Equals(user.UserName, Actor?.Name, StringComparison.OrdinalIgnoreCase);

    private async Task CreateAsync()
    {
        if (Actor is not { } actor || Busy) return;
        string? created = null;
        var parameters = new DialogParameters<UserDialog>
        {
            { x => x.Jurisdiction, actor.Jurisdiction },
            {
                x => x.Submit, async input =>
                {
                    var result = await Admin.CreateAsync(actor, input.UserName, input.Region, input.Roles, input.DisplayName);
                    if (result.Value is { } done)
                    {
                        ShowSecret(done);
                        created = done.User.UserName;
                    }
                    return result.Refusal;
                }
            },
        };
        var submitted = await ShowDialogAsync(T["Admin.UserDialog.CreateTitle"], parameters);
        if (submitted && created is { } name) Done(T["Admin.Done.Created", name]);
        await LoadAsync();
    }

    private async Task EditAsync(ManagedUser user)
    {
        if (Actor is not { } actor || Busy) return;
        var parameters = new DialogParameters<UserDialog>
        {
            { x => x.Existing, user },
            { x => x.Jurisdiction, actor.Jurisdiction },
            { x => x.Submit, async input => (await Admin.UpdateAsync(actor, user.Id, input.Region, input.Roles)).Refusal },
        };
        if (await ShowDialogAsync(T["Admin.EditTitle", user.UserName], parameters)) Done(T["Admin.Done.Updated", user.UserName]);
        await LoadAsync();
    }

    private Task UnlockAsync(ManagedUser user) =>
        RunAsync($"unlock {user.UserName}", async actor => (await Admin.UnlockAsync(actor, user.Id)).Refusal, T["Admin.Done.Unlocked", user.UserName]);

    private async Task ResetPasswordAsync(ManagedUser user)
    {
        if (Busy || !await ConfirmAsync(T["Admin.ResetPasswordTitle", user.UserName], T["Admin.ResetConfirm", user.UserName], T["Admin.ResetPassword"])) return;
        await RunAsync($"reset the password of {user.UserName}", async actor =>
        {
            var result = await Admin.ResetPasswordAsync(actor, user.Id);
            if (result.Value is { } done) ShowSecret(done);
            return result.Refusal;
        }, T["Admin.Done.Reset", user.UserName]);
    }
}
