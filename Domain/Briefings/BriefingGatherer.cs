using AntiFraud.Domain.Cards;
using AntiFraud.Domain.Common;
using AntiFraud.Domain.Figures;
using AntiFraud.Domain.Incidents;
using AntiFraud.Domain.Regions;
using AntiFraud.Domain.Trends;
using Marten;

namespace AntiFraud.Domain.Briefings;

/// <summary>
/// Gathers the facts of several regions' briefings for one China day from the read models: the per-day roll-ups (one round
/// trip for every region, its children and 31 days), the incidents (two small queries per region), the card documents and the
/// month trends (one query each for all regions).
/// </summary>
public sealed class BriefingGatherer(RegionCatalog catalog)
{
    public const int LargestLossCount = 3;
    public const int NotableCount = 5;
    public const int BusiestChildrenCount = 3;
    public const int AverageDays = 30;
    /// <summary>A loss from this amount on makes an incident notable (百万元以上).</summary>
    public const decimal LargeLoss = 1_000_000m;

    public async Task<IReadOnlyList<Briefing>> GatherAsync(IQuerySession session, IReadOnlyList<RegionCode> regions, DateOnly day,
        CancellationToken ct = default)
    {
        var targets = regions.Distinct().Select(catalog.Get).ToList();
        if (targets.Count == 0) return [];

        var totals = await LoadDaysAsync(session, targets, day, ct);
        var cards = await LoadCardsAsync(session, targets, ct);
        var trendMonth = RegionMonthTrend.MonthOf(day.AddDays(1)).AddMonths(-1);
        var trends = (await session.Query<RegionMonthTrend>().Where(t => t.Month == trendMonth).ToListAsync(ct))
            .ToDictionary(t => t.Region);

        var briefings = new List<Briefing>(targets.Count);
        foreach (var region in targets)
        {
            var (largest, notable) = await LoadIncidentsAsync(session, region.Code, day, ct);
            var facts = Compose(region, day, totals, largest, notable, cards, trends.Count == 0 ? null : trendMonth, trends);
            briefings.Add(new Briefing
            {
                Id = Briefing.IdOf(region.Code, day),
                Region = region.Code,
                Day = day,
                RegionName = region.Name,
                Facts = facts,
            });
        }
        return briefings;
    }

    private BriefingFacts Compose(Region region, DateOnly day, ILookup<RegionCode, RegionDayTotals> totals,
        IReadOnlyList<IncidentDetails> largest, IReadOnlyList<IncidentDetails> notableCandidates, IReadOnlyList<RegionCard> cards,
        DateOnly? trendMonth, IReadOnlyDictionary<RegionCode, RegionMonthTrend> trends)
    {
        var own = totals[region.Code].ToDictionary(t => t.Day);
        RegionTotals Span(DateOnly from, DateOnly to) =>
            RegionTotals.Sum(region.Code, from, to, RegionFigures.Days(from, to).Where(own.ContainsKey).Select(d => own[d]));

        var today = Span(day, day);
        var shares = today.IncidentsByType.Where(kv => kv.Value > 0)
            .OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key)
            .Select(kv => new TypeShare(kv.Key, kv.Value, today.Incidents == 0 ? 0 : Math.Round((decimal)kv.Value / today.Incidents, 4, MidpointRounding.AwayFromZero)))
            .ToList();

        var largestFacts = largest.Select(i => Notable(i, [])).ToList();
        var listed = largest.Select(i => i.Id).ToHashSet();
        var notable = notableCandidates.Where(i => !listed.Contains(i.Id))
            .Select(i => Notable(i, ReasonsOf(i)))
            .Where(n => n.Reasons.Count > 0)
            .Take(NotableCount)
            .ToList();

        var (start, end) = (ChinaTime.StartOf(day), ChinaTime.StartOf(day.AddDays(1)));
        var inSubtree = cards.Where(c => c.Region.IsWithin(region.Code)).ToList();
        var changes = inSubtree
            .SelectMany(c => c.History.Where(h => h.At >= start && h.At < end).Select(h => new CardChangeFact(c.Region, PlaceOf(c.Region), h.Change, h.Level, h.At, h.Reason)))
            .OrderBy(c => c.At).ThenBy(c => c.Region)
            .ToList();
        var held = inSubtree.Select(c => c.History.LastOrDefault(h => h.At < end)).Where(h => h is not null && h.Change != CardChange.Lifted).ToList();

        var declines = region.Children
            .Select(child => trends.GetValueOrDefault(child.Code))
            .Where(t => t is { DeclineStreak: >= 2 })
            .Select(t => new DeclineFact(t!.Region, catalog.Get(t.Region).Name, t.DeclineStreak, t.MonthOnMonth))
            .OrderByDescending(d => d.Streak).ThenBy(d => d.Region)
            .ToList();

        var busiest = region.Children
            .Select(child =>
            {
                var days = totals[child.Code].ToDictionary(t => t.Day);
                var now = days.GetValueOrDefault(day);
                return new ChildFact(child.Code, child.Name, now?.Incidents ?? 0, days.GetValueOrDefault(day.AddDays(-1))?.Incidents ?? 0, now?.Loss ?? 0);
            })
            .Where(c => c.Incidents > 0)
            .OrderByDescending(c => c.Incidents).ThenByDescending(c => c.Loss).ThenBy(c => c.Region)
            .Take(BusiestChildrenCount)
            .ToList();

        var series = RegionFigures.Days(day.AddDays(-(AverageDays - 1)), day)
            .Select(d => own.GetValueOrDefault(d) is { } t ? new DailyPoint(d, t.Incidents, t.Loss) : new DailyPoint(d, 0, 0))
            .ToList();

        return new BriefingFacts(
            KeyFigures.Of(today),
            KeyFigures.Of(Span(day.AddDays(-1), day.AddDays(-1))),
            KeyFigures.Of(Span(day.AddDays(-7), day.AddDays(-7))),
            KeyFigures.AverageOf(Span(day.AddDays(-AverageDays), day.AddDays(-1)), AverageDays),
            shares, largestFacts, notable, changes,
            new CardsHeld(held.Count(h => h!.Level == CardLevel.Yellow), held.Count(h => h!.Level == CardLevel.Red)),
            trendMonth, trends.GetValueOrDefault(region.Code)?.DeclineStreak, declines, busiest, series);
    }

    private NotableIncident Notable(IncidentDetails i, IReadOnlyList<NotableReason> reasons) =>
        new(i.Id, i.County, PlaceOf(i.County), i.FraudType, i.LossAmount, i.OccurredAt.ToChina(), reasons);

    private static List<NotableReason> ReasonsOf(IncidentDetails i)
    {
        var reasons = new List<NotableReason>();
        if (i.LossAmount >= LargeLoss) reasons.Add(NotableReason.LargeLoss);
        if (i.Victim.Occupation == Occupation.FinanceStaff) reasons.Add(NotableReason.FinanceStaffVictim);
        return reasons;
    }

    /// <summary>A region's full name below the nation, e.g. 广东省深圳市南山区 (the code when the catalogue does not know it).</summary>
    public string PlaceOf(RegionCode code)
    {
        if (!catalog.TryGet(code, out var region)) return code.ToString();
        // Municipalities repeat their name one tier down (北京市 / 北京市市辖区) and provinces group the counties they run
        // themselves (海南省省直辖县级行政区划): say the province once and go on to the county.
        return string.Concat(region.NamedAncestors.Select(a => a.Name).Append(region.Name));
    }

    /// <summary>Each region's 31 days (the day and the 30 before) and its children's day and day before, in one round trip.</summary>
    private static async Task<ILookup<RegionCode, RegionDayTotals>> LoadDaysAsync(IQuerySession session, IReadOnlyList<Region> targets,
        DateOnly day, CancellationToken ct)
    {
        var ids = new HashSet<string>();
        foreach (var region in targets)
        {
            foreach (var d in RegionFigures.Days(day.AddDays(-AverageDays), day)) ids.Add(RegionDayTotals.IdOf(region.Code, d));
            foreach (var child in region.Children)
            {
                ids.Add(RegionDayTotals.IdOf(child.Code, day));
                ids.Add(RegionDayTotals.IdOf(child.Code, day.AddDays(-1)));
            }
        }
        var loaded = await session.LoadManyAsync<RegionDayTotals>(ct, ids.ToArray());
        return loaded.ToLookup(t => t.Region);
    }

    private static async Task<IReadOnlyList<RegionCard>> LoadCardsAsync(IQuerySession session, IReadOnlyList<Region> targets, CancellationToken ct)
    {
        var min = targets.Min(r => r.Code.SubtreeRange.Min);
        var max = targets.Max(r => r.Code.SubtreeRange.Max);
        return await session.Query<RegionCard>().Where(c => c.RegionNumber >= min && c.RegionNumber <= max).ToListAsync(ct);
    }

    /// <summary>The day's largest losses in the subtree, and the candidates for notable incidents (large losses, finance staff).</summary>
    private static async Task<(IReadOnlyList<IncidentDetails> Largest, IReadOnlyList<IncidentDetails> Notable)> LoadIncidentsAsync(
        IQuerySession session, RegionCode region, DateOnly day, CancellationToken ct)
    {
        var (min, max) = region.SubtreeRange;
        var (start, end) = (ChinaTime.StartOf(day), ChinaTime.StartOf(day.AddDays(1)));
        var largest = await session.Query<IncidentDetails>()
            .Where(i => i.CountyNumber >= min && i.CountyNumber <= max && i.OccurredAt >= start && i.OccurredAt < end)
            .OrderByDescending(i => i.LossAmount).ThenBy(i => i.OccurredAt).ThenBy(i => i.Id)
            .Take(LargestLossCount)
            .ToListAsync(ct);
        var large = LargeLoss;
        var finance = Occupation.FinanceStaff;
        var notable = await session.Query<IncidentDetails>()
            .Where(i => i.CountyNumber >= min && i.CountyNumber <= max && i.OccurredAt >= start && i.OccurredAt < end
                        && (i.LossAmount >= large || i.Victim.Occupation == finance))
            .OrderByDescending(i => i.LossAmount).ThenBy(i => i.OccurredAt).ThenBy(i => i.Id)
            .Take(LargestLossCount + NotableCount)
            .ToListAsync(ct);
        return (largest, notable);
    }
}
