using AntiFraud.Domain.Access;
using AntiFraud.Domain.Briefings;
using AntiFraud.Domain.Cards;
using AntiFraud.Domain.Figures;
using AntiFraud.Domain.Incidents;
using AntiFraud.Domain.Trends;
using AntiFraud.Domain.Warnings;
using JasperFx.Events.Projections;
using Marten;

namespace AntiFraud.Domain.Common;

/// <summary>
/// The domain's part of the store: every process that appends events (web nodes and job workers) registers the same inline
/// projections, so a read model never depends on which process wrote the event.
/// </summary>
public static class DomainStore
{
    public static StoreOptions RegisterDomain(this StoreOptions options)
    {
        options.Projections.Add<IncidentDetailsProjection>(ProjectionLifecycle.Inline);
        options.Projections.Add<WarningDetailsProjection>(ProjectionLifecycle.Inline);
        options.Projections.Add<RegionCardProjection>(ProjectionLifecycle.Inline);
        options.Projections.Add<RegionDayProjection>(ProjectionLifecycle.Async);
        options.Schema.For<IncidentDetails>().Index(x => x.CountyNumber).Index(x => x.ReportedAt).Index(x => x.OccurredAt);
        options.Schema.For<WarningDetails>().Index(x => x.CountyNumber).Index(x => x.IssuedAt);
        options.Schema.For<RegionCard>().Index(x => x.RegionNumber);
        options.Schema.For<RegionMonthTrend>().Index(x => x.Month);
        options.Schema.For<Briefing>().Index(x => x.Day);
        options.Schema.For<UserAccount>().UniqueIndex(x => x.NormalizedUserName);
        options.Events.AddEventType<AuditEntry>();
        return options;
    }
}
