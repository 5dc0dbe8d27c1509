using AntiFraud.Domain.Cards;
using AntiFraud.Domain.Regions;
using Marten;

namespace AntiFraud.Dashboard.Features.Cards;

/// <summary>One decision of the history table: the region it was taken for and the entry that explains it.</summary>
public sealed record CardHistoryRow(RegionCode Region, CardHistoryEntry Entry);

/// <summary>The cards of a region's subtree as the page shows them: held now (red first, longest held first), and every decision, newest first.</summary>
public sealed record CardsView(IReadOnlyList<RegionCard> Active, IReadOnlyList<CardHistoryRow> History)
{
    public int Red => Active.Count(c => c.Level == CardLevel.Red);
    public int Yellow => Active.Count(c => c.Level == CardLevel.Yellow);

    /// <summary>Both lists from one read of the card documents inside <paramref name="scope"/>.</summary>
    public static async Task<CardsView> LoadAsync(IDocumentStore store, RegionCode scope, CancellationToken ct = default)
    {
        await using var session = store.QuerySession();
        var cards = await CardQueries.AllWithinAsync(session, scope, ct);
        var active = cards.Where(c => c.Level is not null)
            .OrderByDescending(c => c.Level).ThenBy(c => c.HeldSince).ThenBy(c => c.RegionNumber).ToList();
        var history = cards.SelectMany(c => c.History.Select(h => new CardHistoryRow(c.Region, h)))
            .OrderByDescending(r => r.Entry.At).ThenBy(r => r.Region.Value).ToList();
        return new CardsView(active, history);
    }
}
