using AntiFraud.Domain.Incidents;
using AntiFraud.Domain.Regions;

namespace AntiFraud.Domain.Trends;

/// <summary>
/// Turns monthly totals into trends: month-on-month, year-on-year, rank among siblings and decline streaks. Pure: the same
/// totals always give the same documents, which is what makes the roll-up job safe to run twice.
/// </summary>
public static class TrendCalculator
{
    /// <param name="months">Monthly totals by region and first day of month; missing entries are months without any report.</param>
    /// <param name="targets">The months to write documents for; earlier months in <paramref name="months"/> feed the comparisons and streaks.</param>
    /// <param name="currentMonth">The month still running (its documents are marked incomplete).</param>
    /// <param name="running">
    /// The running month's bases over the same days; without them it is compared with whole months, which reads a month half
    /// gone as a fall.
    /// </param>
    public static List<RegionMonthTrend> Compute(RegionCatalog catalog, IReadOnlyDictionary<(RegionCode Region, DateOnly Month), MonthFigures> months,
        IReadOnlyCollection<DateOnly> targets, DateOnly currentMonth, RunningMonth? running = null)
    {
        var earliest = months.Count == 0 ? targets.Min() : months.Keys.Min(k => k.Month);
        MonthFigures Of(RegionCode region, DateOnly month) => months.GetValueOrDefault((region, month), MonthFigures.Zero);

        var result = new List<RegionMonthTrend>();
        foreach (var month in targets.Order())
        {
            var previous = month.AddMonths(-1);
            var ranks = RankAll(catalog, month, Of);
            var sameDays = running is not null && running.Month == month ? running : null;
            foreach (var region in RegionsWithData(months, month, previous))
            {
                var now = Of(region, month);
                var before = sameDays is null ? Of(region, previous) : sameDays.MonthBefore.GetValueOrDefault(region, MonthFigures.Zero);
                var yearBefore = sameDays is null ? Of(region, month.AddYears(-1)) : sameDays.YearBefore.GetValueOrDefault(region, MonthFigures.Zero);
                var (rank, siblings) = ranks.GetValueOrDefault(region, (1, 1));
                result.Add(new RegionMonthTrend
                {
                    Id = RegionMonthTrend.IdOf(region, month),
                    Region = region,
                    Month = month,
                    Figures = now,
                    MonthOnMonth = Change(now.Incidents, before.Incidents),
                    YearOnYear = Change(now.Incidents, yearBefore.Incidents),
                    LossMonthOnMonth = Change(now.Loss, before.Loss),
                    TypeMonthOnMonth = Enum.GetValues<FraudType>()
                        .Where(t => now.IncidentsByType.ContainsKey(t) || before.IncidentsByType.ContainsKey(t))
                        .ToDictionary(t => t, t => Change(now.IncidentsByType.GetValueOrDefault(t), before.IncidentsByType.GetValueOrDefault(t))),
                    Rank = rank,
                    Siblings = siblings,
                    // The running month's step of the streak compares the same days; the months before it, whole months.
                    DeclineStreak = sameDays is null ? Streak(region, month, earliest, Of)
                        : now.Incidents < before.Incidents ? 1 + Streak(region, previous, earliest, Of) : 0,
                    Complete = month < currentMonth,
                    ComparedThroughDay = sameDays?.ThroughDay,
                });
            }
        }
        return result;
    }

    /// <summary>The change from <paramref name="before"/> to <paramref name="now"/> as a fraction, rounded to 0.1%; null from zero.</summary>
    public static double? Change(decimal now, decimal before) =>
        before == 0 ? null : Math.Round((double)((now - before) / before), 4);

    /// <summary>Months in a row, ending with <paramref name="month"/>, whose incidents fell against the month before.</summary>
    public static int Streak(RegionCode region, DateOnly month, DateOnly earliest, Func<RegionCode, DateOnly, MonthFigures> of)
    {
        var streak = 0;
        for (var m = month; m.AddMonths(-1) >= earliest; m = m.AddMonths(-1))
        {
            if (of(region, m).Incidents < of(region, m.AddMonths(-1)).Incidents) streak++;
            else break;
        }
        return streak;
    }

    private static IEnumerable<RegionCode> RegionsWithData(IReadOnlyDictionary<(RegionCode Region, DateOnly Month), MonthFigures> months, DateOnly month, DateOnly previous) =>
        months.Keys.Where(k => k.Month == month || k.Month == previous).Select(k => k.Region).Distinct().Order();

    /// <summary>Competition ranking ("1, 2, 2, 4") by incidents among each region's siblings in the catalogue.</summary>
    private static Dictionary<RegionCode, (int Rank, int Siblings)> RankAll(RegionCatalog catalog, DateOnly month, Func<RegionCode, DateOnly, MonthFigures> of)
    {
        var ranks = new Dictionary<RegionCode, (int, int)> { [catalog.Root.Code] = (1, 1) };
        foreach (var parent in catalog.Subtree(catalog.Root))
        {
            if (parent.Children.Count == 0) continue;
            var ordered = parent.Children.Select(c => (c.Code, Incidents: of(c.Code, month).Incidents)).OrderByDescending(c => c.Incidents).ToList();
            for (var i = 0; i < ordered.Count; i++)
            {
                var rank = i > 0 && ordered[i].Incidents == ordered[i - 1].Incidents ? ranks[ordered[i - 1].Code].Item1 : i + 1;
                ranks[ordered[i].Code] = (rank, ordered.Count);
            }
        }
        return ranks;
    }
}
