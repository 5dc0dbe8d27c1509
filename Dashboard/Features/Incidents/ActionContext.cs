using AntiFraud.Domain.Regions;

namespace AntiFraud.Dashboard.Features.Incidents;

/// <summary>What an action form shows the commander about the incident: its money so far and where it can be escalated.</summary>
public sealed record ActionContext(decimal Loss, decimal Stopped, decimal Frozen, decimal Returned, IReadOnlyList<Region> EscalationTargets);
