using AntiFraud.Domain.Figures;
using AntiFraud.Domain.Incidents;
using AntiFraud.Domain.Regions;
using Marten;

namespace AntiFraud.Dashboard.Tests.Trends;

/// <summary>Hand-made per-day roll-up documents, stored directly: the trend and card jobs read nothing else.</summary>
public static class MonthData
{
    public static RegionDayTotals Day(string region, DateOnly day, long incidents, decimal loss = 0,
        long dens = 0, long perpetrators = 0, long twoCards = 0, Dictionary<FraudType, long>? byType = null) => new()
    {
        Id = RegionDayTotals.IdOf(RegionCode.Parse(region), day),
        Region = RegionCode.Parse(region),
        Day = day,
        Incidents = incidents,
        Loss = loss,
        DensLocatedHere = dens,
        PerpetratorsFromHere = perpetrators,
        Activity = Domain.Activity.ActivityCounts.Zero with { TwoCardsCases = twoCards },
        IncidentsByType = byType ?? [],
    };

    public static async Task StoreAsync(IDocumentStore store, params RegionDayTotals[] days)
    {
        await using var session = store.LightweightSession();
        session.Store(days);
        await session.SaveChangesAsync();
    }
}
