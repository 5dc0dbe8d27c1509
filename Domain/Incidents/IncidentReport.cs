using AntiFraud.Domain.Common;
using AntiFraud.Domain.Regions;

namespace AntiFraud.Domain.Incidents;

/// <summary>A new incident as a lower-tier system reports it, after its JSON has been read.</summary>
public sealed record IncidentReport(
    string ExternalId, RegionCode County, DateTimeOffset OccurredAt, FraudType FraudType, Channel Channel,
    PaymentTool PaymentTool, decimal LossAmount, Victim Victim, DenLocation? DenLocation, string? Summary)
{
    /// <summary>The rules every report is held to, wherever it comes from (API, batch, simulator). Field names are JSON pointers.</summary>
    public IEnumerable<FieldError> Validate(RegionCatalog catalog, DateTimeOffset now, string at = "")
    {
        if (!catalog.TryGet(County, out _))
            yield return new($"{at}/regionCode", $"Region code {County} is not in the catalogue.");
        else if (County.Tier != RegionTier.County)
            yield return new($"{at}/regionCode", $"An incident belongs to a county: {County} is a {County.Tier.ToString().ToLowerInvariant()}.");
        if (OccurredAt > now + Limits.FutureTolerance)
            yield return new($"{at}/occurredAt", "The time is more than 5 minutes in the future.");
        if (OccurredAt < new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero))
            yield return new($"{at}/occurredAt", "The time is before the year 2000.");
        if (LossAmount < 0)
            yield return new($"{at}/lossAmount", "The loss cannot be negative.");
        else if (LossAmount > Limits.MaxAmount)
            yield return new($"{at}/lossAmount", "The loss is over 10 billion yuan: refused as absurd.");
        else if (decimal.Round(LossAmount, 2) != LossAmount)
            yield return new($"{at}/lossAmount", "The loss has more than two decimals (fen).");
        if (DenLocation is { } den)
        {
            if (den.Country == DenCountry.China)
            {
                if (den.RegionCode is not { } code)
                    yield return new($"{at}/denLocation/regionCode", "A den in China names its county.");
                else if (!catalog.TryGet(code, out _))
                    yield return new($"{at}/denLocation/regionCode", $"Region code {code} is not in the catalogue.");
            }
            else if (den.RegionCode is not null)
            {
                yield return new($"{at}/denLocation/regionCode", "A den abroad has no Chinese region code.");
            }
        }
    }
}
