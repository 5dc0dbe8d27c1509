using AntiFraud.Domain.Common;
using AntiFraud.Domain.Regions;
using Marten;

namespace AntiFraud.Domain.Activity;

/// <summary>Counters for one region and one China day, as a centre reports them.</summary>
public sealed record ActivityReport(string ExternalId, RegionCode Region, DateOnly Day, ActivityCounts Counts)
{
    /// <summary>More than this in one report for one region and day is refused as absurd.</summary>
    public const long MaxCount = 1_000_000_000;

    public IEnumerable<FieldError> Validate(RegionCatalog catalog, DateTimeOffset now)
    {
        if (!catalog.TryGet(Region, out _))
            yield return new("/regionCode", $"Region code {Region} is not in the catalogue.");
        if (Day > ChinaTime.DayOf(now + Limits.FutureTolerance))
            yield return new("/day", "The day has not begun yet in China.");
        if (Day < new DateOnly(2000, 1, 1))
            yield return new("/day", "The day is before the year 2000.");
        foreach (var (name, value) in Counts.Fields())
            if (value is < 0 or > MaxCount)
                yield return new($"/counts/{name}", $"A count is between 0 and {MaxCount:N0}.");
    }
}

public sealed class ActivityLedger(IDocumentStore store, RegionCatalog catalog, TimeProvider clock)
{
    public static Guid StreamId(Guid reportingKey, string externalId) => StreamIds.For("activity", reportingKey, externalId);

    public ActivityReported ToEvent(ActivityReport report, Guid reportingKey, RegionCode centre) =>
        new(StreamId(reportingKey, report.ExternalId), report.ExternalId, report.Region, centre, report.Day, report.Counts,
            clock.GetUtcNow(), StreamIds.HashOf(report));

    public async Task<ReportResult> ReportAsync(ActivityReport report, Guid reportingKey, RegionCode centre, CancellationToken ct = default)
    {
        var id = StreamId(reportingKey, report.ExternalId);
        var errors = report.Validate(catalog, clock.GetUtcNow()).ToList();
        if (errors.Count > 0) return ReportResult.Refused(id, errors);
        var e = ToEvent(report, reportingKey, centre);
        return await Ledger.StartOnceAsync(store, id, e.RequestHash, e, first => first is ActivityReported a ? a.RequestHash : "", ct);
    }
}
