using AntiFraud.Dashboard.Features.Shell;
using AntiFraud.Dashboard.Localization;
using AntiFraud.Domain.Regions;
using Microsoft.Extensions.Localization;

namespace AntiFraud.Dashboard.Features.Cards;

/// <summary>
/// Reading the region a commander types when issuing a card: a GB/T 2260 code (440305, or 44 / 4403), or a name, Chinese or
/// English (南山区, nanshan district), looked up inside the region the page shows. Names repeat across the country (朝阳区,
/// Chaoyang District), so an ambiguous name asks for the code.
/// </summary>
public static class CardRegionInput
{
    private const int MaxListed = 5;

    /// <summary>The region meant by <paramref name="text"/>, or null with a sentence in the UI language saying what is wrong.</summary>
    public static Region? Resolve(string? text, Region scope, RegionCatalog catalog, IStringLocalizer<Text> T, out string? error)
    {
        var typed = (text ?? "").Trim().Normalize(System.Text.NormalizationForm.FormKC);
        error = null;
        if (typed.Length == 0)
        {
            error = T["Card.Invalid.RegionRequired"];
            return null;
        }

        Region? region;
        if (typed.All(char.IsAsciiDigit))
        {
            if (!catalog.TryResolve(typed, out region, out _))
            {
                error = T["Card.Invalid.RegionUnknown", typed];
                return null;
            }
        }
        else
        {
            var named = new List<Region>();
            foreach (var candidate in catalog.Subtree(scope))
                if (string.Equals(candidate.Name, typed, StringComparison.Ordinal) ||
                    string.Equals(candidate.EnglishName, typed, StringComparison.OrdinalIgnoreCase)) named.Add(candidate);
            if (named.Count == 0)
            {
                error = T["Card.Invalid.RegionUnknown", typed];
                return null;
            }
            if (named.Count > 1)
            {
                var listed = named.Take(MaxListed).Select(r => $"{r.Code} {Place(r)}");
                error = T["Card.Invalid.RegionAmbiguous", typed, Format.Places(listed)];
                return null;
            }
            region = named[0];
        }

        if (region.Tier == RegionTier.National)
        {
            error = T["Card.Refusal.Nation"];
            return null;
        }
        if (!region.Code.IsWithin(scope.Code))
        {
            error = T["Card.Invalid.OutsideScope", region.DisplayName, scope.DisplayName];
            return null;
        }
        return region;
    }

    /// <summary>"广东省 · 深圳市 · 南山区" ("Nanshan District, Shenzhen, Guangdong"): the region with the regions above it.</summary>
    public static string Place(Region region) => PlaceText.Joined(region.NamedAncestors.Append(region), " · ");
}
