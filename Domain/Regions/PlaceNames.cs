using System.Globalization;

namespace AntiFraud.Domain.Regions;

/// <summary>
/// A place written with the regions around it: in Chinese from the largest region down ("广东省 深圳市 南山区"), in English from the
/// smallest up, separated by commas ("Nanshan District, Shenzhen, Guangdong").
/// </summary>
public static class PlaceNames
{
    /// <summary>
    /// The product's one rule for which language a reader gets: English names, places and figures for any English culture,
    /// Chinese for every other.
    /// </summary>
    public static bool ReadsEnglish(CultureInfo culture) => culture.TwoLetterISOLanguageName == "en";

    public static string English(IEnumerable<Region> largestFirst) => string.Join(", ", largestFirst.Reverse().Select(r => r.EnglishName));

    public static string Chinese(IEnumerable<Region> largestFirst, string separator = " ") => string.Join(separator, largestFirst.Select(r => r.Name));

    public static string In(CultureInfo culture, IEnumerable<Region> largestFirst, string chineseSeparator = " ") =>
        ReadsEnglish(culture) ? English(largestFirst) : Chinese(largestFirst, chineseSeparator);

    /// <summary>A region with the named regions above it (placeholder cities such as 北京市市辖区 left out), in English.</summary>
    public static string EnglishPlace(Region region) => English(region.NamedAncestors.Append(region));
}
