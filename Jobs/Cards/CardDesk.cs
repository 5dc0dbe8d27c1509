using AntiFraud.Domain.Cards;
using AntiFraud.Domain.Common;
using AntiFraud.Domain.Regions;
using Marten;

namespace AntiFraud.Jobs.Cards;

public enum CardAction { Issue, Escalate, Lift }

/// <summary>A commander's card decision, checked and appended with the card's version so two commanders cannot both decide at once.</summary>
public sealed class CardDesk(IDocumentStore store, TimeProvider clock)
{
    public async Task<Decision> DecideAsync(CardAction action, RegionCode region, CardLevel level, string? reason, RegionCode by, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        var id = RegionCard.StreamIdOf(region);
        var card = await session.LoadAsync<RegionCard>(id, ct);
        var now = clock.GetUtcNow();
        var decision = action switch
        {
            CardAction.Issue => CardCommands.Issue(card, region, level, reason, by, now),
            CardAction.Escalate => CardCommands.Escalate(card, region, reason, by, now),
            _ => CardCommands.Lift(card, region, reason, by, now),
        };
        if (decision.Refused) return decision;
        var state = await session.Events.FetchStreamStateAsync(id, ct);
        if (state is null) session.Events.StartStream<RegionCard>(id, decision.Events.ToArray());
        else session.Events.Append(id, state.Version + decision.Events.Count, decision.Events.ToArray());
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (Exception e) when (e is JasperFx.Events.EventStreamUnexpectedMaxEventIdException or Marten.Exceptions.ExistingStreamIdCollisionException
                                       or JasperFx.Events.ExistingStreamIdCollisionException)
        {
            return Decision.Refuse("/level", "Someone else decided this card at the same moment; look at it again before deciding.");
        }
        return decision;
    }
}
