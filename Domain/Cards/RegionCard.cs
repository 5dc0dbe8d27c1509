using AntiFraud.Domain.Common;
using AntiFraud.Domain.Regions;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace AntiFraud.Domain.Cards;

public enum CardChange { Issued = 1, Escalated = 2, Lifted = 3 }

/// <summary>One decision in a region's card history, with everything needed to explain it.</summary>
public sealed record CardHistoryEntry(CardChange Change, CardLevel Level, string Rule, IReadOnlyList<IndicatorReading> Readings,
    DateOnly WindowFrom, DateOnly WindowTo, CardDecidedBy DecidedBy, RegionCode DecidedByCentre, string Reason, DateTimeOffset At,
    CardRuleSettings? Settings = null);

/// <summary>A region's card: the level it holds now (none when lifted or never given) and every decision ever taken.</summary>
public sealed class RegionCard
{
    public Guid Id { get; set; }
    public RegionCode Region { get; set; }
    /// <summary>The region code as a number, for subtree range queries (see <see cref="RegionCode.SubtreeRange"/>).</summary>
    public int RegionNumber { get; set; }
    public CardLevel? Level { get; set; }
    /// <summary>When the card now held was first issued.</summary>
    public DateTimeOffset? HeldSince { get; set; }
    /// <summary>When the level now held was reached (issued, or escalated to red).</summary>
    public DateTimeOffset? LevelSince { get; set; }
    public List<CardHistoryEntry> History { get; set; } = [];

    /// <summary>The decision that put the region at its current level (null when no card is held).</summary>
    public CardHistoryEntry? Current => Level is null ? null : History.LastOrDefault(h => h.Change != CardChange.Lifted);

    /// <summary>Each region has one card stream: the same id however often it is asked for.</summary>
    public static Guid StreamIdOf(RegionCode region) => StreamIds.For("card", Guid.Empty, region.ToString());
}

public sealed class RegionCardProjection : SingleStreamProjection<RegionCard, Guid>
{
    public override RegionCard Evolve(RegionCard? snapshot, Guid id, IEvent e)
    {
        if (e.Data is not ICardEvent ce) return snapshot!;
        var card = snapshot ?? new RegionCard { Id = id, Region = ce.Region, RegionNumber = ce.Region.Value };
        switch (e.Data)
        {
            case CardIssued i:
                card.Level = i.Level;
                card.HeldSince = i.At;
                card.LevelSince = i.At;
                card.History.Add(new(CardChange.Issued, i.Level, i.Rule, i.Readings, i.WindowFrom, i.WindowTo, i.DecidedBy, i.DecidedByCentre, i.Reason, i.At, i.Settings));
                break;
            case CardEscalated x:
                card.Level = x.To;
                card.LevelSince = x.At;
                card.History.Add(new(CardChange.Escalated, x.To, x.Rule, x.Readings, x.WindowFrom, x.WindowTo, x.DecidedBy, x.DecidedByCentre, x.Reason, x.At, x.Settings));
                break;
            case CardLifted l:
                card.Level = null;
                card.HeldSince = null;
                card.LevelSince = null;
                card.History.Add(new(CardChange.Lifted, l.Level, l.Rule, l.Readings, l.WindowFrom, l.WindowTo, l.DecidedBy, l.DecidedByCentre, l.Reason, l.At, l.Settings));
                break;
        }
        return card;
    }
}
