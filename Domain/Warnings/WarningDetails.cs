using AntiFraud.Domain.Incidents;
using AntiFraud.Domain.Regions;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace AntiFraud.Domain.Warnings;

public sealed record WarningOutcomeEntry(WarningOutcome Outcome, DateTimeOffset At);

/// <summary>A warning with its outcomes; the open ones of a county form its queue.</summary>
public sealed class WarningDetails
{
    public Guid Id { get; set; }
    public string ExternalId { get; set; } = "";
    public RegionCode County { get; set; }
    public int CountyNumber { get; set; }
    public WarningSource Source { get; set; }
    public WarningLevel Level { get; set; }
    public FraudType Category { get; set; }
    public DateTimeOffset IssuedAt { get; set; }
    public bool Open { get; set; } = true;
    public double? MinutesToFirstCallBack { get; set; }
    public List<WarningOutcomeEntry> Outcomes { get; set; } = [];
}

public sealed class WarningDetailsProjection : SingleStreamProjection<WarningDetails, Guid>
{
    public override WarningDetails Evolve(WarningDetails? snapshot, Guid id, IEvent e)
    {
        switch (e.Data)
        {
            case WarningIssued i:
                return new WarningDetails
                {
                    Id = i.WarningId, ExternalId = i.ExternalId, County = i.County, CountyNumber = i.County.Value, Source = i.Source, Level = i.Level,
                    Category = i.Category, IssuedAt = i.IssuedAt,
                };
            case WarningOutcomeRecorded o when snapshot is not null:
                snapshot.MinutesToFirstCallBack ??= o.MinutesToFirstCallBack;
                snapshot.Outcomes.Add(new(o.Outcome, o.At));
                return snapshot;
            case WarningClosed when snapshot is not null:
                snapshot.Open = false;
                return snapshot;
            default:
                return snapshot!;
        }
    }
}
