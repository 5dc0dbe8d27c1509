using AntiFraud.Domain.Activity;
using AntiFraud.Domain.Common;
using AntiFraud.Domain.Incidents;
using AntiFraud.Domain.Warnings;
using JasperFx.Events;
using Marten.Events.Projections;

namespace AntiFraud.Domain.Figures;

/// <summary>Rolls every event up into <see cref="RegionDayTotals"/> for its county and each ancestor, per China day.</summary>
public sealed class RegionDayProjection : MultiStreamProjection<RegionDayTotals, string>
{
    public RegionDayProjection()
    {
        Identities<IIncidentEvent>(e => e switch
        {
            // Suspects also count where they come from, dens where they are.
            SuspectsIdentified s => Distinct(RegionDayTotals.IdsFor(s.County, s.At)
                .Concat(s.HomeRegions.SelectMany(h => RegionDayTotals.IdsFor(h, s.At)))),
            IncidentReported { DenLocation.RegionCode: { } den } r => Distinct(RegionDayTotals.IdsFor(r.County, r.OccurredAt)
                .Concat(RegionDayTotals.IdsFor(den, r.OccurredAt))),
            IncidentReclassified x => RegionDayTotals.IdsFor(x.County, x.IncidentOccurredAt).ToList(),
            IncidentTransferred or IncidentClosed or IncidentEscalated => [],
            _ => RegionDayTotals.IdsFor(e.County, e.At).ToList(),
        });
        Identities<IWarningEvent>(e => e is WarningClosed ? [] : RegionDayTotals.IdsFor(e.County, e.At).ToList());
        Identities<ActivityReported>(e => RegionDayTotals.IdsFor(e.Region, e.Day).ToList());
    }

    private static List<string> Distinct(IEnumerable<string> ids) => ids.Distinct().ToList();

    public override RegionDayTotals Evolve(RegionDayTotals? snapshot, string id, IEvent e)
    {
        var t = snapshot ?? New(id);
        switch (e.Data)
        {
            case IncidentReported r:
                if (r.County.IsWithin(t.Region))
                {
                    t.Incidents++;
                    t.IncidentsByType[r.FraudType] = t.IncidentsByType.GetValueOrDefault(r.FraudType) + 1;
                    t.IncidentsByChannel[r.Channel] = t.IncidentsByChannel.GetValueOrDefault(r.Channel) + 1;
                    t.Hourly.Incidents[ChinaTime.HourOf(r.OccurredAt)]++;
                    t.Loss += r.LossAmount;
                    t.Hourly.Loss[ChinaTime.HourOf(r.OccurredAt)] += r.LossAmount;
                    if (r.DenLocation is { } den) t.DensByCountry[den.Country] = t.DensByCountry.GetValueOrDefault(den.Country) + 1;
                }
                if (r.DenLocation?.RegionCode is { } denRegion && denRegion.IsWithin(t.Region)) t.DensLocatedHere++;
                break;
            case IncidentReclassified x:
                t.IncidentsByType[x.From] = t.IncidentsByType.GetValueOrDefault(x.From) - 1;
                t.IncidentsByType[x.To] = t.IncidentsByType.GetValueOrDefault(x.To) + 1;
                break;
            case StopPaymentRequested s: t.Stopped += s.Amount; t.Hourly.Stopped[ChinaTime.HourOf(s.At)] += s.Amount; break;
            case FundsFrozen f: t.Frozen += f.Amount; t.Hourly.Frozen[ChinaTime.HourOf(f.At)] += f.Amount; break;
            case FundsReturned r: t.Returned += r.Amount; t.Hourly.Returned[ChinaTime.HourOf(r.At)] += r.Amount; break;
            case CaseFiled: t.CasesFiled++; break;
            case CaseSolved s: t.CasesSolved++; t.Arrests += s.Arrests; break;
            case SuspectsIdentified s:
                if (s.County.IsWithin(t.Region)) t.SuspectsIdentified += s.Count;
                t.PerpetratorsFromHere += s.HomeRegions.Count(h => h.IsWithin(t.Region));
                break;
            case WarningIssued w: t.WarningsIssued++; t.Hourly.WarningsIssued[ChinaTime.HourOf(w.IssuedAt)]++; break;
            case WarningOutcomeRecorded o:
                t.WarningOutcomes[o.Outcome] = t.WarningOutcomes.GetValueOrDefault(o.Outcome) + 1;
                if (o.Outcome is WarningOutcome.Dissuaded or WarningOutcome.DissuadedInPerson)
                {
                    t.Dissuaded++;
                    t.Hourly.Dissuaded[ChinaTime.HourOf(o.At)]++;
                }
                if (o.MinutesToFirstCallBack is { } minutes)
                {
                    t.WarningsCalledBack++;
                    t.Hourly.CalledBack[ChinaTime.HourOf(o.At)]++;
                    t.CallBackMinutesTotal += minutes;
                    var bucket = (int)Math.Min(Math.Floor(minutes), RegionDayTotals.CallBackHistogramCap);
                    t.CallBackMinutes[bucket] = t.CallBackMinutes.GetValueOrDefault(bucket) + 1;
                }
                break;
            case ActivityReported a: t.Activity = t.Activity.Plus(a.Counts); break;
        }
        return t;
    }

    private static RegionDayTotals New(string id)
    {
        var (region, day) = RegionDayTotals.ParseId(id);
        return new RegionDayTotals { Id = id, Region = region, Day = day };
    }
}
