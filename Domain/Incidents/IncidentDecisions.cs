using AntiFraud.Domain.Common;
using AntiFraud.Domain.Regions;

namespace AntiFraud.Domain.Incidents;

/// <summary>A later step in an incident's life, as a centre reports it. <see cref="ExternalId"/> identifies the report for retries.</summary>
public abstract record IncidentCommand(string ExternalId, DateTimeOffset At, RegionCode RecordedBy, string RequestHash);

public sealed record Reclassify(FraudType To, string? Reason, string ExternalId, DateTimeOffset At, RegionCode RecordedBy, string RequestHash) : IncidentCommand(ExternalId, At, RecordedBy, RequestHash);
public sealed record RequestStopPayment(decimal Amount, string ExternalId, DateTimeOffset At, RegionCode RecordedBy, string RequestHash) : IncidentCommand(ExternalId, At, RecordedBy, RequestHash);
public sealed record FreezeFunds(decimal Amount, string ExternalId, DateTimeOffset At, RegionCode RecordedBy, string RequestHash) : IncidentCommand(ExternalId, At, RecordedBy, RequestHash);
public sealed record ReturnFunds(decimal Amount, string ExternalId, DateTimeOffset At, RegionCode RecordedBy, string RequestHash) : IncidentCommand(ExternalId, At, RecordedBy, RequestHash);
public sealed record FileCase(string? CaseNumber, string ExternalId, DateTimeOffset At, RegionCode RecordedBy, string RequestHash) : IncidentCommand(ExternalId, At, RecordedBy, RequestHash);
public sealed record IdentifySuspects(int Count, RegionCode[] HomeRegions, string ExternalId, DateTimeOffset At, RegionCode RecordedBy, string RequestHash) : IncidentCommand(ExternalId, At, RecordedBy, RequestHash);
public sealed record SolveCase(int Arrests, string ExternalId, DateTimeOffset At, RegionCode RecordedBy, string RequestHash) : IncidentCommand(ExternalId, At, RecordedBy, RequestHash);
public sealed record Escalate(RegionCode To, string Reason, string ExternalId, DateTimeOffset At, RegionCode RecordedBy, string RequestHash) : IncidentCommand(ExternalId, At, RecordedBy, RequestHash);
public sealed record Transfer(RegionCode ToCounty, string Reason, string ExternalId, DateTimeOffset At, RegionCode RecordedBy, string RequestHash) : IncidentCommand(ExternalId, At, RecordedBy, RequestHash);
public sealed record Close(string Reason, string ExternalId, DateTimeOffset At, RegionCode RecordedBy, string RequestHash) : IncidentCommand(ExternalId, At, RecordedBy, RequestHash);

/// <summary>Pure decisions: given an incident and a command, the events to append or why not. They refuse what cannot happen.</summary>
public static class IncidentDecisions
{
    public static Decision Decide(IncidentCommand command, Incident state)
    {
        if (state.Status == IncidentStatus.Closed)
            return Decision.Refuse("/type", "The incident is closed: nothing more can be recorded on it.");

        var c = state.County;
        return command switch
        {
            Reclassify r when r.To == state.FraudType => Decision.Refuse("/fraudType", $"The incident is already classified as {r.To}."),
            Reclassify r => Decision.Accept(new IncidentReclassified(c, state.FraudType, r.To, r.Reason, state.OccurredAt, r.RecordedBy, r.At, r.ExternalId, r.RequestHash)),

            RequestStopPayment s when Amount(s.Amount) is { } error => Decision.Refuse("/amount", error),
            RequestStopPayment s when state.Stopped + s.Amount > state.Loss =>
                Decision.Refuse("/amount", $"Stop-payment of {s.Amount:0.00} yuan would exceed the loss of {state.Loss:0.00} yuan ({state.Stopped:0.00} already stopped)."),
            RequestStopPayment s => Decision.Accept(new StopPaymentRequested(c, s.Amount, s.RecordedBy, s.At, s.ExternalId, s.RequestHash)),

            FreezeFunds f when Amount(f.Amount) is { } error => Decision.Refuse("/amount", error),
            FreezeFunds f when state.Frozen + f.Amount > state.Loss =>
                Decision.Refuse("/amount", $"Freezing {f.Amount:0.00} yuan would exceed the loss of {state.Loss:0.00} yuan ({state.Frozen:0.00} already frozen)."),
            FreezeFunds f => Decision.Accept(new FundsFrozen(c, f.Amount, f.RecordedBy, f.At, f.ExternalId, f.RequestHash)),

            ReturnFunds r when Amount(r.Amount) is { } error => Decision.Refuse("/amount", error),
            ReturnFunds r when state.Returned + r.Amount > state.Frozen =>
                Decision.Refuse("/amount", $"Returning {r.Amount:0.00} yuan would exceed the frozen {state.Frozen:0.00} yuan ({state.Returned:0.00} already returned)."),
            ReturnFunds r => Decision.Accept(new FundsReturned(c, r.Amount, r.RecordedBy, r.At, r.ExternalId, r.RequestHash)),

            FileCase when state.Status != IncidentStatus.Reported => Decision.Refuse("/type", "The case is already filed."),
            FileCase f => Decision.Accept(new CaseFiled(c, f.CaseNumber, f.RecordedBy, f.At, f.ExternalId, f.RequestHash)),

            IdentifySuspects s when s.Count is < 1 or > 100_000 => Decision.Refuse("/count", "The number of suspects must be between 1 and 100,000."),
            IdentifySuspects s when s.HomeRegions.Length > s.Count => Decision.Refuse("/homeRegions", "More home regions than suspects."),
            IdentifySuspects s => Decision.Accept(new SuspectsIdentified(c, s.Count, s.HomeRegions, s.RecordedBy, s.At, s.ExternalId, s.RequestHash)),

            SolveCase when state.Status == IncidentStatus.Reported => Decision.Refuse("/type", "A case must be filed before it can be solved."),
            SolveCase when state.Status == IncidentStatus.Solved => Decision.Refuse("/type", "The case is already solved."),
            SolveCase s when s.Arrests is < 0 or > 100_000 => Decision.Refuse("/arrests", "Arrests must be between 0 and 100,000."),
            SolveCase s => Decision.Accept(new CaseSolved(c, s.Arrests, s.RecordedBy, s.At, s.ExternalId, s.RequestHash)),

            Escalate e when e.To.Tier >= state.HandlingTier.Tier || !state.County.IsWithin(e.To) =>
                Decision.Refuse("/to", $"An escalation goes to a higher tier above the incident: {e.To} is not above {state.HandlingTier}."),
            Escalate e => Decision.Accept(new IncidentEscalated(c, e.To, e.Reason, e.RecordedBy, e.At, e.ExternalId, e.RequestHash)),

            Transfer t when t.ToCounty.Tier != RegionTier.County => Decision.Refuse("/toCounty", "An incident is transferred to a county."),
            Transfer t when t.ToCounty == state.County => Decision.Refuse("/toCounty", "The incident already belongs to that county."),
            Transfer t => Decision.Accept(new IncidentTransferred(c, t.ToCounty, t.Reason, t.RecordedBy, t.At, t.ExternalId, t.RequestHash)),

            Close x => Decision.Accept(new IncidentClosed(c, x.Reason, x.RecordedBy, x.At, x.ExternalId, x.RequestHash)),
            _ => Decision.Refuse("/type", "Unknown incident event."),
        };
    }

    private static string? Amount(decimal amount) =>
        amount <= 0 ? "The amount must be more than zero."
        : amount > Limits.MaxAmount ? "The amount is over 10 billion yuan: refused as absurd."
        : decimal.Round(amount, 2) != amount ? "The amount has more than two decimals (fen)."
        : null;
}
