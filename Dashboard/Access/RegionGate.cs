using AntiFraud.Dashboard.Localization;
using AntiFraud.Domain.Access;
using AntiFraud.Domain.Regions;
using Microsoft.Extensions.Localization;

namespace AntiFraud.Dashboard.Access;

/// <summary>What a region page may show: the region asked for (the person's own when none), or why not.</summary>
public sealed record RegionAccess(Region? Region, string? NotFound, string? Forbidden, RegionCode Home)
{
    public bool Allowed => Region is not null && Forbidden is null && NotFound is null;
}

/// <summary>
/// The one check every region page makes before reading anything: the region must lie inside the person's jurisdiction.
/// Deny by default: someone without a jurisdiction sees nothing.
/// </summary>
public sealed class RegionGate(CurrentUser user, RegionCatalog catalog, Auditor audit, IStringLocalizer<Text> T)
{
    public async Task<RegionAccess> ResolveAsync(string? code)
    {
        var jurisdiction = await user.JurisdictionAsync();
        if (jurisdiction is not { } own)
            return new RegionAccess(null, null, T["Access.RoleMissing"], RegionCode.National);
        if (!catalog.TryResolve(string.IsNullOrWhiteSpace(code) ? own.ToString() : code, out var region, out var error))
            return new RegionAccess(null, error, null, own);
        if (!Jurisdiction.Allows(own, region.Code))
        {
            // Refusals are part of the trail: someone looked outside their jurisdiction.
            await audit.RecordAsync(AuditKinds.Refused, await user.GetAsync(), region.Code.ToString(), $"outside {own}", null);
            return new RegionAccess(null, null, T["Access.OutsideJurisdiction", region.Name, NameOf(own)], own);
        }
        return new RegionAccess(region, null, null, own);
    }

    /// <summary>True when the person may see <paramref name="region"/>.</summary>
    public Task<bool> AllowsAsync(RegionCode region) => user.CanSeeAsync(region);

    public string NameOf(RegionCode code) => catalog.TryGet(code, out var region) ? region.Name : code.ToString();
}
