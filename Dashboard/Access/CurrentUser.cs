using System.Security.Claims;
using AntiFraud.Domain.Access;
using AntiFraud.Domain.Regions;
using Microsoft.AspNetCore.Components.Authorization;

namespace AntiFraud.Dashboard.Access;

/// <summary>The person a page is shown to, for the one check every region page makes: is this region inside their jurisdiction?</summary>
public sealed class CurrentUser(AuthenticationStateProvider authentication)
{
    public async Task<ClaimsPrincipal> GetAsync() => (await authentication.GetAuthenticationStateAsync()).User;

    /// <summary>The person's jurisdiction; the nation is never assumed for someone without one.</summary>
    public async Task<RegionCode?> JurisdictionAsync() => AccessClaims.JurisdictionOf(await GetAsync());

    public async Task<bool> CanSeeAsync(RegionCode region) => (await GetAsync()).CanSee(region);

    public async Task<bool> HasAsync(AccessRole role) => (await GetAsync()).Has(role);
}
