using AntiFraud.Domain.Figures;
using AntiFraud.Domain.Incidents;
using AntiFraud.Domain.Warnings;

namespace AntiFraud.Dashboard.Live;

/// <summary>A small message pushed to screens watching the region or one of its ancestors. <c>Sequence</c> is the event's global sequence.</summary>
public interface ILiveMessage
{
    string RegionCode { get; }
    long Sequence { get; }
}

public sealed record IncidentReportedMessage(Guid Id, string RegionCode, FraudType FraudType, decimal LossAmount, DateTimeOffset OccurredAt, long Sequence) : ILiveMessage;

public sealed record WarningIssuedMessage(Guid Id, string RegionCode, WarningLevel Level, FraudType Category, DateTimeOffset IssuedAt, long Sequence) : ILiveMessage;

public sealed record WarningOutcomeMessage(Guid Id, string RegionCode, WarningOutcome Outcome, double? MinutesToFirstCallBack, DateTimeOffset At, long Sequence) : ILiveMessage;

/// <summary>A region's new totals for the China day, coalesced: at most one per region per push interval.</summary>
public sealed record FiguresChangedMessage(string RegionCode, DateOnly Day, FigureSet Today, long CallsIntercepted, long SmsIntercepted,
    double? MedianMinutesToCallBack, long Sequence) : ILiveMessage;

/// <summary>What hub clients receive: JavaScript clients match names case-insensitively (incidentReported); .NET clients use these names.</summary>
public interface ILiveClient
{
    Task IncidentReported(IncidentReportedMessage message);
    Task WarningIssued(WarningIssuedMessage message);
    Task WarningOutcome(WarningOutcomeMessage message);
    Task FiguresChanged(FiguresChangedMessage message);
}
