using AntiFraud.Domain.Regions;
using Marten;

namespace AntiFraud.Domain.Cards;

/// <summary>Reads of the card documents the screens share.</summary>
public static class CardQueries
{
    /// <summary>Cards held now by the region or anything inside it, red first, then the longest held.</summary>
    public static async Task<IReadOnlyList<RegionCard>> ActiveWithinAsync(IQuerySession session, RegionCode region, CancellationToken ct = default)
    {
        var (min, max) = region.SubtreeRange;
        var cards = await session.Query<RegionCard>()
            .Where(c => c.Level != null && c.RegionNumber >= min && c.RegionNumber <= max)
            .ToListAsync(ct);
        return cards.OrderByDescending(c => c.Level).ThenBy(c => c.HeldSince).ThenBy(c => c.RegionNumber).ToList();
    }

    /// <summary>Every region card document inside the region (held now or not), for histories.</summary>
    public static async Task<IReadOnlyList<RegionCard>> AllWithinAsync(IQuerySession session, RegionCode region, CancellationToken ct = default)
    {
        var (min, max) = region.SubtreeRange;
        return await session.Query<RegionCard>().Where(c => c.RegionNumber >= min && c.RegionNumber <= max).ToListAsync(ct);
    }

    /// <summary>
    /// The highest level held inside each of <paramref name="parent"/>'s children (a city shows red when one of its counties
    /// holds a red card), for map markings.
    /// </summary>
    public static Dictionary<RegionCode, CardLevel> HighestByChild(Region parent, IEnumerable<RegionCard> cards)
    {
        var byChild = new Dictionary<RegionCode, CardLevel>();
        foreach (var card in cards)
        {
            if (card.Level is not { } level) continue;
            var child = parent.Children.FirstOrDefault(c => card.Region.IsWithin(c.Code));
            if (child is null) continue;
            if (!byChild.TryGetValue(child.Code, out var held) || level > held) byChild[child.Code] = level;
        }
        return byChild;
    }
}
