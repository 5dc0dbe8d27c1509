using System.Globalization;
using System.Security.Claims;
using AntiFraud.Domain.Access;
using AntiFraud.Domain.Regions;
using Marten;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AntiFraud.Dashboard.Access;

/// <summary>
/// Who takes an administration step: the name the audit trail records, the jurisdiction they manage (people and keys inside
/// it, never outside) and the address they came from when it is known.
/// </summary>
public sealed record AdminActor(string Name, RegionCode Jurisdiction, string? From = null)
{
    /// <summary>The command line runs with the app's own configuration: it manages the whole nation.</summary>
    public static readonly AdminActor CommandLine = new("command line", RegionCode.National);

    /// <summary>The signed-in administrator, or null for anyone who is not one or has no jurisdiction (deny by default).</summary>
    public static AdminActor? Of(ClaimsPrincipal? user, string? from = null) =>
        user.Has(AccessRole.Administrator) && AccessClaims.JurisdictionOf(user) is { } jurisdiction && user?.Identity?.Name is { Length: > 0 } name
            ? new AdminActor(name, jurisdiction, from)
            : null;

    /// <summary>True when <paramref name="region"/> is the actor's jurisdiction or lies inside it.</summary>
    public bool Manages(RegionCode region) => Domain.Access.Jurisdiction.Allows(Jurisdiction, region);
}

/// <summary>Why an administration step was refused.</summary>
public enum AdminProblem
{
    /// <summary>The user name is empty, too long or has characters sign-in does not accept.</summary>
    NameInvalid,
    /// <summary>The display name is too long or has control characters.</summary>
    DisplayNameInvalid,
    /// <summary>Another account has this user name.</summary>
    NameTaken,
    /// <summary>No role was chosen.</summary>
    RolesMissing,
    /// <summary>A role that does not exist.</summary>
    RoleUnknown,
    /// <summary>The region code is malformed or not in the catalogue.</summary>
    RegionInvalid,
    /// <summary>The region lies outside the administrator's jurisdiction.</summary>
    RegionOutside,
    /// <summary>There is no such account (or key) inside the administrator's jurisdiction.</summary>
    NotFound,
    /// <summary>An administrator tried to take the Administrator role from their own account.</summary>
    OwnAdministratorRole,
    /// <summary>The key name is empty or too long.</summary>
    KeyNameInvalid,
    /// <summary>The key was revoked before.</summary>
    KeyRevoked,
    /// <summary>ASP.NET Core Identity refused (a password or user rule); <see cref="AdminRefusal.Detail"/> has its words.</summary>
    Rejected,
}

/// <summary>A refusal: the problem (pages say it in the reader's language), what it was about, and one English sentence (the command line).</summary>
public sealed record AdminRefusal(AdminProblem Problem, string? Detail, string Message);

/// <summary>The outcome of an administration step: its value, or why it was refused (nothing was changed then).</summary>
public sealed record AdminResult<T>(T? Value, AdminRefusal? Refusal) where T : class
{
    public bool Succeeded => Refusal is null && Value is not null;

    public static implicit operator AdminResult<T>(AdminRefusal refusal) => new(null, refusal);
}

/// <summary>A person as administrators see them: no password hash or security stamp leaves <see cref="UserAdministration"/>.</summary>
public sealed record ManagedUser(
    Guid Id, string UserName, string DisplayName, RegionCode Jurisdiction, IReadOnlyList<AccessRole> Roles,
    DateTimeOffset? LockedOutUntil, int FailedSignIns, DateTimeOffset CreatedAt)
{
    public bool IsLockedOut => LockedOutUntil is not null;
}

/// <summary>A one-time password for <paramref name="User"/>: shown once, stored only as Identity's hash.</summary>
public sealed record OneTimePassword(ManagedUser User, string Password);

/// <summary>
/// Managing people, for the command line (<c>user create</c>) and the administrators' page alike: the rules (name, roles, region
/// inside the administrator's jurisdiction, no administrator demoting themselves), the change through ASP.NET Core Identity's
/// user manager (hashing, lockout, security stamps) and its audit entry. A refused step changes nothing.
/// </summary>
public sealed class UserAdministration(
    UserManager<UserAccount> users, IDocumentStore store, RegionCatalog catalog, Auditor audit, TimeProvider clock, IOptions<IdentityOptions> identity)
{
    public const int MaxNameLength = 64;

    /// <summary>The people whose jurisdiction lies inside the actor's, by jurisdiction and name.</summary>
    public async Task<IReadOnlyList<ManagedUser>> ListAsync(AdminActor actor, CancellationToken ct = default)
    {
        await using var session = store.QuerySession();
        // Few people, and the jurisdiction test is arithmetic on the code: filtered here rather than in SQL.
        var all = await session.Query<UserAccount>().ToListAsync(ct);
        return all.Where(u => actor.Manages(u.Jurisdiction))
            .OrderBy(u => u.Jurisdiction).ThenBy(u => u.UserName, StringComparer.OrdinalIgnoreCase)
            .Select(View).ToList();
    }

    /// <summary>Roles as the command line takes them: names separated by commas, any case.</summary>
    public static bool TryParseRoles(string? text, out IReadOnlyList<AccessRole> roles, out AdminRefusal? refusal)
    {
        var parsed = new List<AccessRole>();
        roles = parsed;
        refusal = null;
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Enum.TryParse<AccessRole>(part, ignoreCase: true, out var role) || !Enum.IsDefined(role))
            {
                refusal = new AdminRefusal(AdminProblem.RoleUnknown, part, $"Role '{part}' is not one of {RoleNames}.");
                return false;
            }
            parsed.Add(role);
        }
        return true;
    }

    /// <summary>Creates a person with a one-time password; refused outside the actor's jurisdiction.</summary>
    public async Task<AdminResult<OneTimePassword>> CreateAsync(
        AdminActor actor, string? userName, string? region, IEnumerable<AccessRole> roles, string? displayName = null, CancellationToken ct = default)
    {
        var name = userName?.Trim() ?? "";
        if (CheckName(name) is { } badName) return badName;
        var display = string.IsNullOrWhiteSpace(displayName) ? name : displayName.Trim();
        if (display.Length > MaxNameLength || display.Any(char.IsControl))
            return new AdminRefusal(AdminProblem.DisplayNameInvalid, display, $"The display name has at most {MaxNameLength} characters and no control characters.");
        if (CheckRoles(roles, out var chosen) is { } badRoles) return badRoles;
        var (place, badRegion) = await CheckRegionAsync(actor, region, name, ct);
        if (place is null) return badRegion!;
        if (await users.FindByNameAsync(name) is not null) return Taken(name);

        var password = Passwords.NewOneTime();
        var account = new UserAccount
        {
            Id = Guid.NewGuid(), UserName = name, DisplayName = display, Jurisdiction = place.Code, Roles = chosen,
            CreatedAt = clock.GetUtcNow(),
        };
        var result = await users.CreateAsync(account, password);
        if (!result.Succeeded) return Rejected(result, name);
        await audit.RecordAsync(AuditKinds.UserCreated, actor.Name, name, $"{place.Code} {string.Join(",", account.Roles)}", actor.From, ct);
        return new AdminResult<OneTimePassword>(new OneTimePassword(View(account), password), null);
    }

    /// <summary>Changes a person's jurisdiction and roles, both inside the actor's jurisdiction.</summary>
    public async Task<AdminResult<ManagedUser>> UpdateAsync(AdminActor actor, Guid id, string? region, IEnumerable<AccessRole> roles, CancellationToken ct = default)
    {
        var (account, missing) = await FindAsync(actor, id, "change", ct);
        if (account is null) return missing!;
        if (CheckRoles(roles, out var chosen) is { } badRoles) return badRoles;
        var (place, badRegion) = await CheckRegionAsync(actor, region, account.UserName, ct);
        if (place is null) return badRegion!;
        if (IsSelf(actor, account) && account.Roles.Contains(AccessRole.Administrator) && !chosen.Contains(AccessRole.Administrator))
            return new AdminRefusal(AdminProblem.OwnAdministratorRole, account.UserName,
                "You cannot take the Administrator role from your own account: ask another administrator.");

        var before = $"{account.Jurisdiction} {string.Join(",", account.Roles)}";
        account.Jurisdiction = place.Code;
        account.Roles = chosen;
        var result = await users.UpdateAsync(account);
        if (!result.Succeeded) return Rejected(result, account.UserName);
        await audit.RecordAsync(AuditKinds.UserUpdated, actor.Name, account.UserName,
            $"{before} → {account.Jurisdiction} {string.Join(",", account.Roles)}", actor.From, ct);
        return new AdminResult<ManagedUser>(View(account), null);
    }

    /// <summary>Ends a lockout and forgets the failed sign-ins, so the person may sign in again now.</summary>
    public async Task<AdminResult<ManagedUser>> UnlockAsync(AdminActor actor, Guid id, CancellationToken ct = default)
    {
        var (account, missing) = await FindAsync(actor, id, "unlock", ct);
        if (account is null) return missing!;
        var until = account.LockoutEnd;
        if (account.LockoutEnabled && account.LockoutEnd is not null)
        {
            var cleared = await users.SetLockoutEndDateAsync(account, null);
            if (!cleared.Succeeded) return Rejected(cleared, account.UserName);
        }
        var reset = await users.ResetAccessFailedCountAsync(account);
        if (!reset.Succeeded) return Rejected(reset, account.UserName);
        await audit.RecordAsync(AuditKinds.UserUnlocked, actor.Name, account.UserName,
            until is { } u ? string.Create(CultureInfo.InvariantCulture, $"was locked until {u.UtcDateTime:yyyy-MM-dd HH:mm}Z") : null, actor.From, ct);
        return new AdminResult<ManagedUser>(View(account), null);
    }

    /// <summary>
    /// Replaces a person's password with a new one-time password. Identity rotates the security stamp with the password, so
    /// sessions signed in with the old one end when their cookie is next validated.
    /// </summary>
    public async Task<AdminResult<OneTimePassword>> ResetPasswordAsync(AdminActor actor, Guid id, CancellationToken ct = default)
    {
        var (account, missing) = await FindAsync(actor, id, "reset password", ct);
        if (account is null) return missing!;
        var password = Passwords.NewOneTime();
        // Checked before the old password goes, so a refusal never leaves the account without one.
        foreach (var validator in users.PasswordValidators)
        {
            var valid = await validator.ValidateAsync(users, account, password);
            if (!valid.Succeeded) return Rejected(valid, account.UserName);
        }
        if (await users.HasPasswordAsync(account))
        {
            var removed = await users.RemovePasswordAsync(account);
            if (!removed.Succeeded) return Rejected(removed, account.UserName);
        }
        var added = await users.AddPasswordAsync(account, password);
        if (!added.Succeeded) return Rejected(added, account.UserName);
        await audit.RecordAsync(AuditKinds.PasswordReset, actor.Name, account.UserName, null, actor.From, ct);
        return new AdminResult<OneTimePassword>(new OneTimePassword(View(account), password), null);
    }

    private AdminRefusal? CheckName(string name)
    {
        var allowed = identity.Value.User.AllowedUserNameCharacters;
        if (name.Length is 0 or > MaxNameLength || name.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) ||
            (!string.IsNullOrEmpty(allowed) && name.Any(c => !allowed.Contains(c))))
            return new AdminRefusal(AdminProblem.NameInvalid, name,
                $"The user name is required: 1 to {MaxNameLength} characters, no spaces{(string.IsNullOrEmpty(allowed) ? "" : ": Latin letters, digits and - . _ @ +")}.");
        return null;
    }

    private static AdminRefusal? CheckRoles(IEnumerable<AccessRole> roles, out List<AccessRole> chosen)
    {
        chosen = roles.Distinct().Order().ToList();
        if (chosen.Where(r => !Enum.IsDefined(r)).Select(r => r.ToString()).FirstOrDefault() is { } unknown)
            return new AdminRefusal(AdminProblem.RoleUnknown, unknown, $"Role '{unknown}' is not one of {RoleNames}.");
        if (chosen.Count == 0)
            return new AdminRefusal(AdminProblem.RolesMissing, null, $"At least one role is required: {RoleNames}.");
        return null;
    }

    private async Task<(Region? Region, AdminRefusal? Refusal)> CheckRegionAsync(AdminActor actor, string? text, string target, CancellationToken ct)
    {
        if (!catalog.TryResolve(text, out var region, out var error))
            return (null, new AdminRefusal(AdminProblem.RegionInvalid, text?.Trim() ?? "", error));
        if (actor.Manages(region.Code)) return (region, null);
        // Like a look at a page outside the jurisdiction, an attempt to manage outside it is part of the trail.
        await audit.RecordAsync(AuditKinds.Refused, actor.Name, target, $"user in {region.Code} outside {actor.Jurisdiction}", actor.From, ct);
        return (null, new AdminRefusal(AdminProblem.RegionOutside, region.Code.ToString(),
            $"{region.Code} {region.Name} is outside your jurisdiction ({actor.Jurisdiction})."));
    }

    private async Task<(UserAccount? Account, AdminRefusal? Refusal)> FindAsync(AdminActor actor, Guid id, string step, CancellationToken ct)
    {
        var account = await users.FindByIdAsync(id.ToString());
        if (account is not null && actor.Manages(account.Jurisdiction)) return (account, null);
        if (account is not null)
            await audit.RecordAsync(AuditKinds.Refused, actor.Name, account.UserName, $"{step}: user in {account.Jurisdiction} outside {actor.Jurisdiction}", actor.From, ct);
        // Someone outside the jurisdiction is, to this administrator, no one.
        return (null, new AdminRefusal(AdminProblem.NotFound, id.ToString(), $"There is no user {id} in your jurisdiction ({actor.Jurisdiction})."));
    }

    private static bool IsSelf(AdminActor actor, UserAccount account) =>
        string.Equals(account.UserName, actor.Name, StringComparison.OrdinalIgnoreCase);

    private static AdminRefusal Taken(string name) =>
        new(AdminProblem.NameTaken, name, $"The user name '{name}' is taken.");

    private static AdminRefusal Rejected(IdentityResult result, string name) =>
        result.Errors.Any(e => e.Code is "DuplicateUserName")
            ? Taken(name)
            : new AdminRefusal(AdminProblem.Rejected, string.Join(" ", result.Errors.Select(e => e.Description)),
                string.Join(" ", result.Errors.Select(e => e.Description)));

    private DateTimeOffset? LockedUntil(UserAccount account) =>
        account.LockoutEnabled && account.LockoutEnd is { } end && end > clock.GetUtcNow() ? end : null;

    private ManagedUser View(UserAccount a) =>
        new(a.Id, a.UserName, a.DisplayName, a.Jurisdiction, a.Roles.Distinct().Order().ToList(), LockedUntil(a), a.AccessFailedCount, a.CreatedAt);

    private static string RoleNames => string.Join(", ", Enum.GetNames<AccessRole>());
}
