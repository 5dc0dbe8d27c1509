using AntiFraud.Domain.Regions;

namespace AntiFraud.Domain.Incidents;

public sealed record Victim(AgeBand AgeBand, Occupation Occupation);

/// <summary>A domestic den names its county; a den abroad names only the country.</summary>
public sealed record DenLocation(DenCountry Country, RegionCode? RegionCode);

/// <summary>
/// Every incident event names the county the incident belongs to (for roll-ups), the centre that recorded it and when;
/// <see cref="ExternalId"/> is the reporting system's own id for the report and <see cref="RequestHash"/> its content,
/// so a retried report is recognised and a changed one refused.
/// </summary>
public interface IIncidentEvent
{
    RegionCode County { get; }
    RegionCode RecordedBy { get; }
    DateTimeOffset At { get; }
    string ExternalId { get; }
    string RequestHash { get; }
}

public sealed record IncidentReported(
    Guid IncidentId, string ExternalId, RegionCode County, RegionCode RecordedBy, DateTimeOffset OccurredAt,
    FraudType FraudType, Channel Channel, PaymentTool PaymentTool, decimal LossAmount, Victim Victim,
    DenLocation? DenLocation, string? Summary, DateTimeOffset ReportedAt, string RequestHash) : IIncidentEvent
{
    DateTimeOffset IIncidentEvent.At => OccurredAt;
}

/// <summary>Counted on the day the incident occurred, so the day's shares by type stay right.</summary>
public sealed record IncidentReclassified(RegionCode County, FraudType From, FraudType To, string? Reason, DateTimeOffset IncidentOccurredAt,
    RegionCode RecordedBy, DateTimeOffset At, string ExternalId, string RequestHash) : IIncidentEvent;

public sealed record StopPaymentRequested(RegionCode County, decimal Amount, RegionCode RecordedBy, DateTimeOffset At, string ExternalId, string RequestHash) : IIncidentEvent;

public sealed record FundsFrozen(RegionCode County, decimal Amount, RegionCode RecordedBy, DateTimeOffset At, string ExternalId, string RequestHash) : IIncidentEvent;

public sealed record FundsReturned(RegionCode County, decimal Amount, RegionCode RecordedBy, DateTimeOffset At, string ExternalId, string RequestHash) : IIncidentEvent;

public sealed record CaseFiled(RegionCode County, string? CaseNumber, RegionCode RecordedBy, DateTimeOffset At, string ExternalId, string RequestHash) : IIncidentEvent;

/// <summary>Suspects and their home regions: perpetrators are counted where they come from, which drives the cards.</summary>
public sealed record SuspectsIdentified(RegionCode County, int Count, RegionCode[] HomeRegions, RegionCode RecordedBy, DateTimeOffset At, string ExternalId, string RequestHash) : IIncidentEvent;

public sealed record CaseSolved(RegionCode County, int Arrests, RegionCode RecordedBy, DateTimeOffset At, string ExternalId, string RequestHash) : IIncidentEvent;

public sealed record IncidentEscalated(RegionCode County, RegionCode To, string Reason, RegionCode RecordedBy, DateTimeOffset At, string ExternalId, string RequestHash) : IIncidentEvent;

/// <summary>Handed to another county's jurisdiction; <see cref="County"/> is the county it leaves.</summary>
public sealed record IncidentTransferred(RegionCode County, RegionCode ToCounty, string Reason, RegionCode RecordedBy, DateTimeOffset At, string ExternalId, string RequestHash) : IIncidentEvent;

public sealed record IncidentClosed(RegionCode County, string Reason, RegionCode RecordedBy, DateTimeOffset At, string ExternalId, string RequestHash) : IIncidentEvent;
