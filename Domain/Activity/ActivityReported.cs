using AntiFraud.Domain.Regions;

namespace AntiFraud.Domain.Activity;

/// <summary>Counters a centre reports for its region and one China day (not one event per intercepted call).</summary>
public sealed record ActivityCounts(
    long CallsIntercepted, long SmsIntercepted, long AppsBlocked, long UrlsBlocked, long PublicityActivities,
    long TwoCardsCases, long DensFound, long GangsBusted, long SuspectsCaught)
{
    public static readonly ActivityCounts Zero = new(0, 0, 0, 0, 0, 0, 0, 0, 0);

    public ActivityCounts Plus(ActivityCounts o) => new(
        CallsIntercepted + o.CallsIntercepted, SmsIntercepted + o.SmsIntercepted, AppsBlocked + o.AppsBlocked, UrlsBlocked + o.UrlsBlocked,
        PublicityActivities + o.PublicityActivities, TwoCardsCases + o.TwoCardsCases, DensFound + o.DensFound,
        GangsBusted + o.GangsBusted, SuspectsCaught + o.SuspectsCaught);

    public IEnumerable<(string Name, long Value)> Fields()
    {
        yield return ("callsIntercepted", CallsIntercepted);
        yield return ("smsIntercepted", SmsIntercepted);
        yield return ("appsBlocked", AppsBlocked);
        yield return ("urlsBlocked", UrlsBlocked);
        yield return ("publicityActivities", PublicityActivities);
        yield return ("twoCardsCases", TwoCardsCases);
        yield return ("densFound", DensFound);
        yield return ("gangsBusted", GangsBusted);
        yield return ("suspectsCaught", SuspectsCaught);
    }
}

public sealed record ActivityReported(Guid ReportId, string ExternalId, RegionCode Region, RegionCode RecordedBy, DateOnly Day,
    ActivityCounts Counts, DateTimeOffset ReportedAt, string RequestHash);
