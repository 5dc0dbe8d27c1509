using System.Security.Claims;
using AntiFraud.Domain.Access;
using AntiFraud.Domain.Regions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AntiFraud.Dashboard.Access;

/// <summary>The claims every signed-in person (and every API key on the hub) carries: the jurisdiction and the roles.</summary>
public static class AccessClaims
{
    public const string Jurisdiction = "afc:jurisdiction";

    /// <summary>The jurisdiction of a signed-in principal; null for anyone else (deny by default).</summary>
    public static RegionCode? JurisdictionOf(ClaimsPrincipal? user) =>
        user?.Identity?.IsAuthenticated == true && RegionCode.TryParse(user.FindFirstValue(Jurisdiction), out var code, out _) ? code : null;

    /// <summary>True when the principal is signed in and the region lies inside its jurisdiction.</summary>
    public static bool CanSee(this ClaimsPrincipal? user, RegionCode region) =>
        JurisdictionOf(user) is { } jurisdiction && Domain.Access.Jurisdiction.Allows(jurisdiction, region);

    public static bool Has(this ClaimsPrincipal? user, AccessRole role) => user?.IsInRole(role.ToString()) == true;
}

/// <summary>Adds the jurisdiction and the roles to the sign-in cookie's principal.</summary>
public sealed class UserAccountClaimsFactory(UserManager<UserAccount> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<UserAccount>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(UserAccount user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(AccessClaims.Jurisdiction, user.Jurisdiction.ToString()));
        if (!string.IsNullOrWhiteSpace(user.DisplayName)) identity.AddClaim(new Claim(ClaimTypes.GivenName, user.DisplayName));
        foreach (var role in user.Roles.Distinct()) identity.AddClaim(new Claim(ClaimTypes.Role, role.ToString()));
        return identity;
    }
}
