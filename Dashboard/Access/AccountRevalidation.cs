using System.Security.Claims;
using AntiFraud.Domain.Access;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AntiFraud.Dashboard.Access;

/// <summary>
/// An open screen re-checks its person every minute: a reset password, changed roles or jurisdiction, a lockout or a deleted
/// account (each changes the security stamp or the lockout) end the screen's sign-in instead of lasting until the next page load.
/// </summary>
public sealed class AccountRevalidation(ILoggerFactory loggers, IServiceScopeFactory scopes, IOptions<IdentityOptions> identity, IConfiguration configuration)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    /// <summary><c>Access:RevalidateSeconds</c>, one minute by default.</summary>
    public static TimeSpan IntervalFrom(IConfiguration configuration) =>
        TimeSpan.FromSeconds(configuration.GetValue("Access:RevalidateSeconds", 60) is var s and >= 1 and <= 3600 ? s : 60);

    protected override TimeSpan RevalidationInterval => IntervalFrom(configuration);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken ct)
    {
        var user = state.User;
        // Machines (API keys) have no account to re-check; their keys are re-read every few seconds anyway.
        if (user.Identity?.AuthenticationType is not { } type || type != IdentityConstants.ApplicationScheme) return true;
        await using var scope = scopes.CreateAsyncScope();
        return await IsStillValidAsync(scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>(), user, identity.Value);
    }

    public static async Task<bool> IsStillValidAsync(UserManager<UserAccount> users, ClaimsPrincipal user, IdentityOptions options)
    {
        var account = await users.GetUserAsync(user);
        if (account is null || await users.IsLockedOutAsync(account)) return false;
        var stamp = user.FindFirstValue(options.ClaimsIdentity.SecurityStampClaimType);
        return stamp is not null && stamp == await users.GetSecurityStampAsync(account);
    }
}
