using System.Globalization;
using AntiFraud.Domain.Regions;

namespace AntiFraud.Dashboard.Features.Shell;

/// <summary>A place written with the regions around it in the page's language (see <see cref="PlaceNames"/>).</summary>
public static class PlaceText
{
    public static string Of(params IEnumerable<Region> largestFirst) => PlaceNames.In(CultureInfo.CurrentUICulture, largestFirst);
}
