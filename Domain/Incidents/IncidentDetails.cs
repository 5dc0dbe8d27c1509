using AntiFraud.Domain.Regions;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace AntiFraud.Domain.Incidents;

/// <summary>One step in an incident's history, for the timeline.</summary>
public sealed record IncidentHistoryEntry(string Type, DateTimeOffset At, RegionCode RecordedBy, decimal? Amount, string? Detail);

/// <summary>An incident as the screens and the API show it, with its full history.</summary>
public sealed class IncidentDetails
{
    public Guid Id { get; set; }
    public string ExternalId { get; set; } = "";
    public RegionCode County { get; set; }
    /// <summary>The county code as a number, stored for subtree range queries (see <see cref="RegionCode.SubtreeRange"/>).</summary>
    public int CountyNumber { get; set; }
    public RegionCode ReportedBy { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public DateTimeOffset ReportedAt { get; set; }
    public FraudType FraudType { get; set; }
    public Channel Channel { get; set; }
    public PaymentTool PaymentTool { get; set; }
    public decimal LossAmount { get; set; }
    public Victim Victim { get; set; } = new(AgeBand.Unknown, Occupation.Unknown);
    public DenLocation? DenLocation { get; set; }
    public string? Summary { get; set; }
    public IncidentStatus Status { get; set; }
    public decimal Stopped { get; set; }
    public decimal Frozen { get; set; }
    public decimal Returned { get; set; }
    public int Suspects { get; set; }
    public int Arrests { get; set; }
    public RegionCode? EscalatedTo { get; set; }
    public List<IncidentHistoryEntry> History { get; set; } = [];

    /// <summary>Content hash of the original report, to recognise retries.</summary>
    public string RequestHash { get; set; } = "";
}

public sealed class IncidentDetailsProjection : SingleStreamProjection<IncidentDetails, Guid>
{
    public override IncidentDetails Evolve(IncidentDetails? snapshot, Guid id, IEvent e)
    {
        if (e.Data is IncidentReported r) return Project(r);
        if (snapshot is null || e.Data is not IIncidentEvent ie) return snapshot!;

        var d = snapshot;
        var (amount, detail) = ((decimal?)null, (string?)null);
        switch (e.Data)
        {
            case IncidentReclassified x: d.FraudType = x.To; detail = $"{x.From} → {x.To}{(x.Reason is null ? "" : ": " + x.Reason)}"; break;
            case StopPaymentRequested s: d.Stopped += s.Amount; amount = s.Amount; break;
            case FundsFrozen f: d.Frozen += f.Amount; amount = f.Amount; break;
            case FundsReturned r2: d.Returned += r2.Amount; amount = r2.Amount; break;
            case CaseFiled c: d.Status = IncidentStatus.Filed; detail = c.CaseNumber; break;
            case SuspectsIdentified s: d.Suspects += s.Count; detail = $"{s.Count}: {string.Join(", ", s.HomeRegions)}"; break;
            case CaseSolved s: d.Status = IncidentStatus.Solved; d.Arrests += s.Arrests; detail = s.Arrests.ToString(System.Globalization.CultureInfo.InvariantCulture); break;
            case IncidentEscalated x: d.EscalatedTo = x.To; detail = $"{x.To}: {x.Reason}"; break;
            case IncidentTransferred t: d.County = t.ToCounty; d.CountyNumber = t.ToCounty.Value; detail = $"{t.County} → {t.ToCounty}: {t.Reason}"; break;
            case IncidentClosed c: d.Status = IncidentStatus.Closed; detail = c.Reason; break;
        }
        d.History.Add(new(e.Data.GetType().Name, ie.At, ie.RecordedBy, amount, detail));
        return d;
    }

    /// <summary>The view of an incident just reported (what <see cref="Evolve"/> makes of the stream's first event).</summary>
    public static IncidentDetails Project(IncidentReported r) => new()
    {
        Id = r.IncidentId, ExternalId = r.ExternalId, County = r.County, CountyNumber = r.County.Value, ReportedBy = r.RecordedBy, OccurredAt = r.OccurredAt,
        ReportedAt = r.ReportedAt, FraudType = r.FraudType, Channel = r.Channel, PaymentTool = r.PaymentTool,
        LossAmount = r.LossAmount, Victim = r.Victim, DenLocation = r.DenLocation, Summary = r.Summary,
        Status = IncidentStatus.Reported, RequestHash = r.RequestHash,
        History = [new("Reported", r.ReportedAt, r.RecordedBy, r.LossAmount, r.FraudType.ToString())],
    };
}
