using AntiFraud.Dashboard.Live;
using AntiFraud.Domain.Incidents;
using AntiFraud.Domain.Warnings;

namespace AntiFraud.Dashboard.Features.Live;

public enum TickerKind { Incident, Warning, Outcome }

/// <summary>
/// A line in the live ticker: a new incident, a warning or a call-back outcome, at the time it came in. An incident is often
/// reported hours after it happened; the ticker is the order things arrived in, and the incident page gives when it happened.
/// </summary>
public sealed record TickerItem(TickerKind Kind, Guid Id, string RegionCode, DateTimeOffset At, FraudType? FraudType, decimal? Loss,
    WarningLevel? Level, WarningOutcome? Outcome, long Sequence)
{
    public static TickerItem? From(ILiveMessage message) => message switch
    {
        IncidentReportedMessage m => new(TickerKind.Incident, m.Id, m.RegionCode, m.ReportedAt ?? m.OccurredAt, m.FraudType, m.LossAmount, null, null, m.Sequence),
        WarningIssuedMessage m => new(TickerKind.Warning, m.Id, m.RegionCode, m.IssuedAt, m.Category, null, m.Level, null, m.Sequence),
        WarningOutcomeMessage m => new(TickerKind.Outcome, m.Id, m.RegionCode, m.At, null, null, null, m.Outcome, m.Sequence),
        _ => null,
    };
}
