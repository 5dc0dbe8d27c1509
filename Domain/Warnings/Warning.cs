using System.Collections.Immutable;
using AntiFraud.Domain.Common;
using AntiFraud.Domain.Incidents;
using AntiFraud.Domain.Regions;

namespace AntiFraud.Domain.Warnings;

/// <summary>Where a warning instruction (预警指令) comes from.</summary>
public enum WarningSource { FundFlowMonitoring, InterceptedCall, AppReport, Other }

public enum WarningLevel { Low, Medium, High, Critical }

/// <summary>What the county found when it called the likely victim back; the last one is the in-person visit (见面劝阻).</summary>
public enum WarningOutcome { Dissuaded, NotReachableYet, CannotBeFound, NotMatching, Duplicate, DissuadedInPerson }

public interface IWarningEvent
{
    RegionCode County { get; }
    DateTimeOffset At { get; }
    string ExternalId { get; }
    string RequestHash { get; }
}

public sealed record WarningIssued(Guid WarningId, string ExternalId, RegionCode County, RegionCode RecordedBy,
    WarningSource Source, WarningLevel Level, FraudType Category, DateTimeOffset IssuedAt, string RequestHash) : IWarningEvent
{
    DateTimeOffset IWarningEvent.At => IssuedAt;
}

/// <summary>A call-back or visit with its outcome; <see cref="MinutesToFirstCallBack"/> is set on the first one only.</summary>
public sealed record WarningOutcomeRecorded(RegionCode County, WarningOutcome Outcome, DateTimeOffset At,
    double? MinutesToFirstCallBack, RegionCode RecordedBy, string ExternalId, string RequestHash) : IWarningEvent;

/// <summary>Closed when an outcome settles it (dissuaded, cannot be found, not matching, duplicate); "not reachable yet" keeps it open.</summary>
public sealed record WarningClosed(RegionCode County, WarningOutcome Outcome, DateTimeOffset At, string ExternalId, string RequestHash) : IWarningEvent;

public sealed record Warning(Guid Id, RegionCode County, DateTimeOffset IssuedAt, bool Open, bool CalledBack,
    ImmutableDictionary<string, string> ProcessedReports)
{
    public static Warning? From(IEnumerable<object> events)
    {
        Warning? state = null;
        foreach (var e in events)
            state = e switch
            {
                WarningIssued i => new Warning(i.WarningId, i.County, i.IssuedAt, true, false, ImmutableDictionary<string, string>.Empty.Add(i.ExternalId, i.RequestHash)),
                WarningOutcomeRecorded o when state is not null => state with { CalledBack = true, ProcessedReports = state.ProcessedReports.SetItem(o.ExternalId, o.RequestHash) },
                WarningClosed when state is not null => state with { Open = false },
                _ => state,
            };
        return state;
    }
}

public sealed record RecordOutcome(WarningOutcome Outcome, DateTimeOffset At, RegionCode RecordedBy, string ExternalId, string RequestHash);

public static class WarningDecisions
{
    public static bool Settles(WarningOutcome outcome) => outcome != WarningOutcome.NotReachableYet;

    public static Decision Decide(RecordOutcome command, Warning state)
    {
        if (!state.Open)
            return Decision.Refuse("/outcome", "The warning is already closed.");
        if (command.At < state.IssuedAt)
            return Decision.Refuse("/at", "An outcome cannot be earlier than the warning it answers.");

        double? minutes = state.CalledBack ? null : Math.Round((command.At - state.IssuedAt).TotalMinutes, 2);
        var recorded = new WarningOutcomeRecorded(state.County, command.Outcome, command.At, minutes, command.RecordedBy, command.ExternalId, command.RequestHash);
        return Settles(command.Outcome)
            ? Decision.Accept(recorded, new WarningClosed(state.County, command.Outcome, command.At, command.ExternalId, command.RequestHash))
            : Decision.Accept(recorded);
    }
}
