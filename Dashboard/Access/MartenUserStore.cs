using AntiFraud.Domain.Access;
using Marten;
using Microsoft.AspNetCore.Identity;

namespace AntiFraud.Dashboard.Access;

/// <summary>
/// ASP.NET Core Identity's store for people, on the product's PostgreSQL through Marten. Identity does the hashing, the lockout
/// arithmetic and the security stamps; this class only loads and saves the account document.
/// </summary>
public sealed class MartenUserStore(IDocumentStore store) :
    IUserPasswordStore<UserAccount>, IUserSecurityStampStore<UserAccount>, IUserLockoutStore<UserAccount>
{
    public async Task<IdentityResult> CreateAsync(UserAccount user, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        session.Insert(user);
        try
        {
            await session.SaveChangesAsync(ct);
            return IdentityResult.Success;
        }
        catch (Exception e) when (e is Npgsql.PostgresException { SqlState: "23505" } || e.InnerException is Npgsql.PostgresException { SqlState: "23505" })
        {
            return IdentityResult.Failed(new IdentityError { Code = "DuplicateUserName", Description = $"The user name '{user.UserName}' is taken." });
        }
    }

    public async Task<IdentityResult> UpdateAsync(UserAccount user, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        user.ConcurrencyStamp = Guid.NewGuid().ToString("N");
        session.Store(user);
        await session.SaveChangesAsync(ct);
        return IdentityResult.Success;
    }

    public async Task<IdentityResult> DeleteAsync(UserAccount user, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        session.Delete(user);
        await session.SaveChangesAsync(ct);
        return IdentityResult.Success;
    }

    public async Task<UserAccount?> FindByIdAsync(string userId, CancellationToken ct)
    {
        if (!Guid.TryParse(userId, out var id)) return null;
        await using var session = store.QuerySession();
        return await session.LoadAsync<UserAccount>(id, ct);
    }

    public async Task<UserAccount?> FindByNameAsync(string normalizedUserName, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await session.Query<UserAccount>().FirstOrDefaultAsync(u => u.NormalizedUserName == normalizedUserName, ct);
    }

    public Task<string> GetUserIdAsync(UserAccount user, CancellationToken ct) => Task.FromResult(user.Id.ToString());
    public Task<string?> GetUserNameAsync(UserAccount user, CancellationToken ct) => Task.FromResult<string?>(user.UserName);
    public Task SetUserNameAsync(UserAccount user, string? userName, CancellationToken ct) { user.UserName = userName ?? ""; return Task.CompletedTask; }
    public Task<string?> GetNormalizedUserNameAsync(UserAccount user, CancellationToken ct) => Task.FromResult<string?>(user.NormalizedUserName);
    public Task SetNormalizedUserNameAsync(UserAccount user, string? normalizedName, CancellationToken ct) { user.NormalizedUserName = normalizedName ?? ""; return Task.CompletedTask; }

    public Task SetPasswordHashAsync(UserAccount user, string? passwordHash, CancellationToken ct) { user.PasswordHash = passwordHash; return Task.CompletedTask; }
    public Task<string?> GetPasswordHashAsync(UserAccount user, CancellationToken ct) => Task.FromResult(user.PasswordHash);
    public Task<bool> HasPasswordAsync(UserAccount user, CancellationToken ct) => Task.FromResult(user.PasswordHash is not null);

    public Task SetSecurityStampAsync(UserAccount user, string stamp, CancellationToken ct) { user.SecurityStamp = stamp; return Task.CompletedTask; }
    public Task<string?> GetSecurityStampAsync(UserAccount user, CancellationToken ct) => Task.FromResult<string?>(user.SecurityStamp);

    public Task<DateTimeOffset?> GetLockoutEndDateAsync(UserAccount user, CancellationToken ct) => Task.FromResult(user.LockoutEnd);
    public Task SetLockoutEndDateAsync(UserAccount user, DateTimeOffset? lockoutEnd, CancellationToken ct) { user.LockoutEnd = lockoutEnd; return Task.CompletedTask; }
    public Task<int> IncrementAccessFailedCountAsync(UserAccount user, CancellationToken ct) => Task.FromResult(++user.AccessFailedCount);
    public Task ResetAccessFailedCountAsync(UserAccount user, CancellationToken ct) { user.AccessFailedCount = 0; return Task.CompletedTask; }
    public Task<int> GetAccessFailedCountAsync(UserAccount user, CancellationToken ct) => Task.FromResult(user.AccessFailedCount);
    public Task<bool> GetLockoutEnabledAsync(UserAccount user, CancellationToken ct) => Task.FromResult(user.LockoutEnabled);
    public Task SetLockoutEnabledAsync(UserAccount user, bool enabled, CancellationToken ct) { user.LockoutEnabled = enabled; return Task.CompletedTask; }

    public void Dispose() { }
}
