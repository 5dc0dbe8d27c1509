using AntiFraud.Dashboard.Features.Shell;
using AntiFraud.Domain.Activity;
using AntiFraud.Domain.Figures;
using AntiFraud.Domain.Regions;
using Marten;

namespace AntiFraud.Dashboard.Features.Regions;

/// <summary>One headline figure of the range with its changes in percent (null when the earlier span has nothing to compare with).</summary>
/// <param name="Key">Which figure, also the tile's data-figure attribute.</param>
/// <param name="Label">Text key of its name.</param>
/// <param name="Shown">The figure as written on screen.</param>
/// <param name="UpIsGood">True when a rise is good news (money stopped, people dissuaded), false when it is bad (incidents, loss).</param>
public sealed record HeadlineFigure(string Key, string Label, decimal? Value, string Shown, decimal? MonthOnMonth, decimal? YearOnYear, bool UpIsGood);

/// <summary>A region below the page's region, as its row in the table, the CSV export and the map.</summary>
public sealed record ChildRegionRow(RegionCode Code, string Name, long Incidents, decimal Loss, decimal Stopped, decimal Frozen, decimal Returned,
    long WarningsIssued, long Dissuaded, long IncidentsMonthEarlier)
{
    /// <summary>Incidents against the same days one month earlier, in percent; null when there were none then.</summary>
    public decimal? IncidentsMonthOnMonth => Format.Change(Incidents, IncidentsMonthEarlier);

    public static ChildRegionRow From(Region child, RegionTotals now, RegionTotals monthEarlier) =>
        new(child.Code, child.DisplayName, now.Incidents, now.Loss, now.Stopped, now.Frozen, now.Returned, now.WarningsIssued, now.Dissuaded,
            monthEarlier.Incidents);
}

/// <summary>What the region page shows for a range: the subtree's totals, the same days a month and a year earlier, and each child's figures.</summary>
public sealed record RegionAnalysis(AnalysisPeriod Period, RegionTotals Now, RegionTotals MonthEarlier, RegionTotals YearEarlier,
    IReadOnlyList<ChildRegionRow> Children)
{
    /// <summary>Three reads: the region and its children over the range and a month earlier (one round trip each), the region a year earlier.</summary>
    public static async Task<RegionAnalysis> LoadAsync(IQuerySession session, Region region, AnalysisPeriod period, CancellationToken ct = default)
    {
        RegionCode[] all = [region.Code, .. region.Children.Select(c => c.Code)];
        var month = period.MonthEarlier;
        var year = period.YearEarlier;
        var now = await RegionFigures.TotalsForManyAsync(session, all, period.From, period.To, ct);
        var monthEarlier = await RegionFigures.TotalsForManyAsync(session, all, month.From, month.To, ct);
        var yearEarlier = await RegionFigures.TotalsForManyAsync(session, [region.Code], year.From, year.To, ct);
        return Of(region, period, now, monthEarlier, yearEarlier);
    }

    /// <summary>Puts the totals together; regions missing from a dictionary count as zero.</summary>
    public static RegionAnalysis Of(Region region, AnalysisPeriod period, IReadOnlyDictionary<RegionCode, RegionTotals> now,
        IReadOnlyDictionary<RegionCode, RegionTotals> monthEarlier, IReadOnlyDictionary<RegionCode, RegionTotals> yearEarlier)
    {
        var month = period.MonthEarlier;
        var year = period.YearEarlier;
        RegionTotals Get(IReadOnlyDictionary<RegionCode, RegionTotals> totals, RegionCode code, AnalysisPeriod p) =>
            totals.TryGetValue(code, out var t) ? t : RegionTotals.Sum(code, p.From, p.To, []);
        return new RegionAnalysis(period, Get(now, region.Code, period), Get(monthEarlier, region.Code, month), Get(yearEarlier, region.Code, year),
            region.Children.Select(c => ChildRegionRow.From(c, Get(now, c.Code, period), Get(monthEarlier, c.Code, month))).ToList());
    }

    /// <summary>True when nothing at all was reported for the subtree in the range: no incident, warning, money movement or activity.</summary>
    public bool NothingReported =>
        Now.Incidents == 0 && Now.Loss == 0 && Now.Stopped == 0 && Now.Frozen == 0 && Now.Returned == 0 && Now.WarningsIssued == 0
        && Now.WarningsCalledBack == 0 && Now.Dissuaded == 0 && Now.Activity == ActivityCounts.Zero;

    /// <summary>The wall's headline figures over the range, in the wall's order, each against a month and a year earlier.</summary>
    public IReadOnlyList<HeadlineFigure> Headlines =>
    [
        Count("Incidents", "Analysis.Incidents", t => t.Incidents, upIsGood: false),
        Money("Loss", "Kpi.Loss", t => t.Loss, upIsGood: false),
        Money("Stopped", "Kpi.Stopped", t => t.Stopped, upIsGood: true),
        Money("Frozen", "Kpi.Frozen", t => t.Frozen, upIsGood: true),
        Money("Returned", "Kpi.Returned", t => t.Returned, upIsGood: true),
        Count("WarningsIssued", "Kpi.WarningsIssued", t => t.WarningsIssued, upIsGood: false),
        Count("CalledBack", "Kpi.CalledBack", t => t.WarningsCalledBack, upIsGood: true),
        Count("Dissuaded", "Kpi.Dissuaded", t => t.Dissuaded, upIsGood: true),
        Median(),
        Count("Intercepted", "Kpi.Intercepted", Intercepted, upIsGood: true),
    ];

    private static decimal Intercepted(RegionTotals t) => t.Activity.CallsIntercepted + t.Activity.SmsIntercepted;

    private HeadlineFigure Count(string key, string label, Func<RegionTotals, decimal> figure, bool upIsGood) =>
        Figure(key, label, figure, Format.Count, upIsGood);

    private HeadlineFigure Money(string key, string label, Func<RegionTotals, decimal> figure, bool upIsGood) =>
        Figure(key, label, figure, Format.Money, upIsGood);

    private HeadlineFigure Figure(string key, string label, Func<RegionTotals, decimal> figure, Func<decimal, string> format, bool upIsGood)
    {
        var now = figure(Now);
        return new HeadlineFigure(key, label, now, format(now), Format.Change(now, figure(MonthEarlier)), Format.Change(now, figure(YearEarlier)), upIsGood);
    }

    // A longer wait for the first call-back is bad news; no call-back at either end means nothing to compare.
    private HeadlineFigure Median()
    {
        static decimal? Minutes(RegionTotals t) => t.MedianMinutesToCallBack is { } m ? (decimal)m : null;
        var now = Minutes(Now);
        decimal? Change(RegionTotals before) => now is { } n && Minutes(before) is { } b ? Format.Change(n, b) : null;
        return new HeadlineFigure("MedianCallBack", "Kpi.MedianCallBack", now, Format.Minutes(Now.MedianMinutesToCallBack),
            Change(MonthEarlier), Change(YearEarlier), UpIsGood: false);
    }
}
