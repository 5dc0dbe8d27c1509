using AntiFraud.Domain.Cards;
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

public sealed record IncidentReportedMessage(Guid Id, string RegionCode, FraudType FraudType, decimal LossAmount, DateTimeOffset OccurredAt, long Sequence) : ILiveMessage
{
    /// <summary>When the report came in (an incident is often reported hours after it happened): the time a ticker shows.</summary>
    public DateTimeOffset? ReportedAt { get; init; }

    /// <inheritdoc cref="WarningIssuedMessage.CommittedAt"/>
    public DateTimeOffset? CommittedAt { get; init; }
}

public sealed record WarningIssuedMessage(Guid Id, string RegionCode, WarningLevel Level, FraudType Category, DateTimeOffset IssuedAt, long Sequence) : ILiveMessage
{
    /// <summary>When the server saw the event's transaction commit, so a client can tell how fresh what it shows is.</summary>
    public DateTimeOffset? CommittedAt { get; init; }
}

public sealed record WarningOutcomeMessage(Guid Id, string RegionCode, WarningOutcome Outcome, double? MinutesToFirstCallBack, DateTimeOffset At, long Sequence) : ILiveMessage
{
    /// <inheritdoc cref="WarningIssuedMessage.CommittedAt"/>
    public DateTimeOffset? CommittedAt { get; init; }
}

/// <summary>
/// A region's new totals for the China day, coalesced: at most one per region per push interval. It also carries this month's
/// trend (month-on-month change of incidents, months of decline in a row) as the trend roll-up last wrote it.
/// </summary>
public sealed record FiguresChangedMessage(string RegionCode, DateOnly Day, FigureSet Today, long CallsIntercepted, long SmsIntercepted,
    double? MedianMinutesToCallBack, double? MonthOnMonth, int DeclineStreak, long Sequence) : ILiveMessage;

/// <summary>A card given to a region, or raised from yellow to red (<see cref="Escalated"/>). <see cref="Rule"/> says which rule, or "manual".</summary>
public sealed record CardIssuedMessage(string RegionCode, CardLevel Level, string Rule, bool Escalated, DateTimeOffset At, long Sequence) : ILiveMessage;

/// <summary>A region's card taken back.</summary>
public sealed record CardLiftedMessage(string RegionCode, CardLevel Level, string Rule, DateTimeOffset At, long Sequence) : ILiveMessage;

/// <summary>What hub clients receive: JavaScript clients match names case-insensitively (incidentReported); .NET clients use these names.</summary>
public interface ILiveClient
{
    Task IncidentReported(IncidentReportedMessage message);
    Task WarningIssued(WarningIssuedMessage message);
    Task WarningOutcome(WarningOutcomeMessage message);
    Task FiguresChanged(FiguresChangedMessage message);
    Task CardIssued(CardIssuedMessage message);
    Task CardLifted(CardLiftedMessage message);
}
