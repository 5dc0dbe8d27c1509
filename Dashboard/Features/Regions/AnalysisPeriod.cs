using System.Globalization;
using AntiFraud.Domain.Common;
using AntiFraud.Domain.Figures;

namespace AntiFraud.Dashboard.Features.Regions;

/// <summary>
/// A span of China days, both ends included, with the spans it is compared with: the same days one month earlier
/// (month-on-month, 环比) and one year earlier (year-on-year, 同比).
/// </summary>
public readonly record struct AnalysisPeriod(DateOnly From, DateOnly To)
{
    /// <summary>The longest span the analysis page reads at once.</summary>
    public const int MaxDays = RegionFigures.MaxDaysForMany;

    public int Days => To.DayNumber - From.DayNumber + 1;

    /// <summary>The same days one month earlier; a day the earlier month lacks (31 March) becomes its last day (28 or 29 February).</summary>
    public AnalysisPeriod MonthEarlier => new(From.AddMonths(-1), To.AddMonths(-1));

    /// <summary>The same days one year earlier; 29 February becomes 28 February.</summary>
    public AnalysisPeriod YearEarlier => new(From.AddYears(-1), To.AddYears(-1));

    public bool IsValid => From <= To && Days <= MaxDays;

    /// <summary>The China day of <paramref name="clock"/>'s now.</summary>
    public static DateOnly Today(TimeProvider clock) => ChinaTime.DayOf(clock.GetUtcNow());

    /// <summary>From the first of this China month to today, China time: the page's default.</summary>
    public static AnalysisPeriod ThisMonthSoFar(TimeProvider clock)
    {
        var today = Today(clock);
        return new AnalysisPeriod(new DateOnly(today.Year, today.Month, 1), today);
    }

    /// <summary>The last <paramref name="days"/> China days up to and including today.</summary>
    public static AnalysisPeriod LastDays(TimeProvider clock, int days)
    {
        var today = Today(clock);
        return new AnalysisPeriod(today.AddDays(1 - days), today);
    }

    public static AnalysisPeriod ThisYearSoFar(TimeProvider clock)
    {
        var today = Today(clock);
        return new AnalysisPeriod(new DateOnly(today.Year, 1, 1), today);
    }

    /// <summary>Reads <c>?from=2025-07-01&amp;to=2025-07-15</c>; null when either is missing or not a date.</summary>
    public static AnalysisPeriod? Parse(string? from, string? to) =>
        TryDay(from) is { } f && TryDay(to) is { } t ? new AnalysisPeriod(f, t) : null;

    private static DateOnly? TryDay(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public override string ToString() => $"{Iso(From)}..{Iso(To)}";
}
