using System.Globalization;
using AntiFraud.Domain.Regions;

namespace AntiFraud.Dashboard.Features.Shell;

/// <summary>A place written with the regions around it in the page's language (see <see cref="PlaceNames"/>).</summary>
public static class PlaceText
{
    public static string Of(params IEnumerable<Region> largestFirst) => PlaceNames.In(CultureInfo.CurrentUICulture, largestFirst);

    /// <summary>The same with another separator for Chinese ("广东省 · 深圳市 · 南山区" on the wall's card panel).</summary>
    public static string Joined(IEnumerable<Region> largestFirst, string chineseSeparator) =>
        PlaceNames.In(CultureInfo.CurrentUICulture, largestFirst, chineseSeparator);
}
