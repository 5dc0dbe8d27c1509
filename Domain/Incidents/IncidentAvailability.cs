using AntiFraud.Domain.Regions;

namespace AntiFraud.Domain.Incidents;

/// <summary>The steps a commander can record on an incident, one per command of <see cref="IncidentDecisions"/> that a screen offers.</summary>
public enum IncidentAction { RequestStopPayment, FreezeFunds, ReturnFunds, FileCase, IdentifySuspects, SolveCase, Escalate, Close }

/// <summary>Why an action cannot apply to an incident as it stands; <see cref="None"/> when it can.</summary>
public enum ActionBlock { None, Closed, LossFullyStopped, LossFullyFrozen, NothingToReturn, AlreadyFiled, NotFiled, AlreadySolved, HighestTier }

/// <summary>
/// Which actions can apply to a state, for screens that offer them; the same rules as <see cref="IncidentDecisions"/>, read ahead
/// of any amount. The decision stays the authority: an action offered here can still be refused (an amount too large, say).
/// </summary>
public static class IncidentAvailability
{
    public static ActionBlock WhyNot(Incident state, IncidentAction action)
    {
        if (state.Status == IncidentStatus.Closed) return ActionBlock.Closed;
        return action switch
        {
            IncidentAction.RequestStopPayment when state.Stopped >= state.Loss => ActionBlock.LossFullyStopped,
            IncidentAction.FreezeFunds when state.Frozen >= state.Loss => ActionBlock.LossFullyFrozen,
            IncidentAction.ReturnFunds when state.Returned >= state.Frozen => ActionBlock.NothingToReturn,
            IncidentAction.FileCase when state.Status != IncidentStatus.Reported => ActionBlock.AlreadyFiled,
            IncidentAction.SolveCase when state.Status == IncidentStatus.Reported => ActionBlock.NotFiled,
            IncidentAction.SolveCase when state.Status == IncidentStatus.Solved => ActionBlock.AlreadySolved,
            IncidentAction.Escalate when state.HandlingTier.Tier == RegionTier.National => ActionBlock.HighestTier,
            _ => ActionBlock.None,
        };
    }

    /// <summary>
    /// The regions an escalation can go to: the county's enclosing regions above the tier handling the incident now, nearest first.
    /// </summary>
    public static IReadOnlyList<Region> EscalationTargets(Incident state, RegionCatalog catalog) =>
        catalog.TryGet(state.County, out var county)
            ? county.Ancestors.Where(a => a.Tier < state.HandlingTier.Tier && state.County.IsWithin(a.Code)).Reverse().ToList()
            : [];
}
