using System.Globalization;
using AntiFraud.Dashboard.Features.Shell;
using AntiFraud.Dashboard.Localization;
using AntiFraud.Domain.Regions;
using Microsoft.Extensions.Localization;

namespace AntiFraud.Dashboard.Features.Incidents;

/// <summary>How the incident page writes amounts, times and places: exact to the fen, China time, region names from the catalogue.</summary>
public static class IncidentText
{
    private static bool Chinese => CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase);

    /// <summary>An exact amount: "12,345.67 元" for Chinese readers, "¥12,345.67" for English ones.</summary>
    public static string Yuan(decimal yuan) =>
        Chinese ? yuan.ToString("N2", CultureInfo.CurrentCulture) + " 元" : "¥" + yuan.ToString("N2", CultureInfo.CurrentCulture);

    /// <summary>A share of the loss with one decimal, or a dash when there is no loss to compare with.</summary>
    public static string Percent(decimal? percent) =>
        percent is { } p ? p.ToString("0.#", CultureInfo.CurrentCulture) + "%" : "—";

    public static string When(DateTimeOffset moment, bool seconds = false) =>
        Shell.Format.ChinaTime(moment, seconds ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm");

    /// <summary>The machine-readable instant for a time element, in China time.</summary>
    public static string Iso(DateTimeOffset moment) =>
        moment.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>A region's name, or its code when the catalogue does not know it.</summary>
    public static string Name(RegionCatalog catalog, RegionCode code) => catalog.TryGet(code, out var region) ? region.DisplayName : code.ToString();

    /// <summary>
    /// "广东省 深圳市 南山区" ("Nanshan District, Shenzhen, Guangdong"): the region with the province and city above it. Placeholder
    /// cities such as 北京市市辖区 are left out, as officers never say them.
    /// </summary>
    public static string Place(RegionCatalog catalog, RegionCode code) =>
        catalog.TryGet(code, out var region) ? PlaceText.Of(region.NamedAncestors.Append(region)) : code.ToString();

    /// <summary>The anti-fraud centre of a region, e.g. "广东省反诈中心".</summary>
    public static string Centre(IStringLocalizer<Text> t, RegionCatalog catalog, RegionCode code) =>
        t["Incident.Centre", Name(catalog, code)];
}
