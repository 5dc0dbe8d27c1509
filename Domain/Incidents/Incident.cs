using System.Collections.Immutable;
using AntiFraud.Domain.Regions;

namespace AntiFraud.Domain.Incidents;

/// <summary>What the decisions need to know about one incident, evolved from its events.</summary>
public sealed record Incident(
    Guid Id, RegionCode County, DateTimeOffset OccurredAt, IncidentStatus Status, FraudType FraudType, decimal Loss,
    decimal Stopped, decimal Frozen, decimal Returned, RegionCode HandlingTier,
    ImmutableDictionary<string, string> ProcessedReports)
{
    public static Incident Start(IncidentReported e) => new(
        e.IncidentId, e.County, e.OccurredAt, IncidentStatus.Reported, e.FraudType, e.LossAmount, 0, 0, 0, e.County,
        ImmutableDictionary<string, string>.Empty.Add(e.ExternalId, e.RequestHash));

    public Incident Apply(IIncidentEvent e)
    {
        var next = this with { ProcessedReports = ProcessedReports.SetItem(e.ExternalId, e.RequestHash) };
        return e switch
        {
            IncidentReclassified r => next with { FraudType = r.To },
            StopPaymentRequested s => next with { Stopped = Stopped + s.Amount },
            FundsFrozen f => next with { Frozen = Frozen + f.Amount },
            FundsReturned r => next with { Returned = Returned + r.Amount },
            CaseFiled => next with { Status = IncidentStatus.Filed },
            CaseSolved => next with { Status = IncidentStatus.Solved },
            IncidentEscalated x => next with { HandlingTier = x.To },
            IncidentTransferred t => next with { County = t.ToCounty, HandlingTier = t.ToCounty },
            IncidentClosed => next with { Status = IncidentStatus.Closed },
            _ => next,
        };
    }

    public static Incident? From(IEnumerable<object> events)
    {
        Incident? state = null;
        foreach (var e in events)
            state = e switch
            {
                IncidentReported r => Start(r),
                IIncidentEvent i when state is not null => state.Apply(i),
                _ => state,
            };
        return state;
    }
}
