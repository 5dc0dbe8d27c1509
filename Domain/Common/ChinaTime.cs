namespace AntiFraud.Domain.Common;

/// <summary>
/// China Standard Time (UTC+8, no daylight saving since 1991). A "day" on every screen is a China day: 00:30 in Beijing belongs to today.
/// </summary>
public static class ChinaTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>The IANA zone, for schedulers that want a <see cref="TimeZoneInfo"/>.</summary>
    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.CreateCustomTimeZone("China Standard Time", Offset, "China Standard Time", "CST");

    public static DateOnly DayOf(DateTimeOffset moment) => DateOnly.FromDateTime(moment.ToOffset(Offset).DateTime);

    public static int HourOf(DateTimeOffset moment) => moment.ToOffset(Offset).Hour;

    /// <summary>The instant a China day starts.</summary>
    public static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), Offset);

    public static DateTimeOffset ToChina(this DateTimeOffset moment) => moment.ToOffset(Offset);
}
