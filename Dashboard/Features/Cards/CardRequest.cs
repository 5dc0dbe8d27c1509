using AntiFraud.Domain.Cards;
using AntiFraud.Domain.Regions;
using AntiFraud.Jobs.Cards;

namespace AntiFraud.Dashboard.Features.Cards;

/// <summary>A commander's card decision as the form collected it, before the card desk checks and stores it.</summary>
public sealed record CardRequest(CardAction Action, RegionCode Region, CardLevel Level, string Reason);
