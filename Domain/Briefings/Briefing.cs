using System.Globalization;
using AntiFraud.Domain.Regions;

namespace AntiFraud.Domain.Briefings;

/// <summary>The daily briefing of one region on one China day, written at 08:00 the morning after.</summary>
public sealed class Briefing
{
    public string Id { get; set; } = "";
    public RegionCode Region { get; set; }
    /// <summary>The China day the briefing is about (the day before it was written).</summary>
    public DateOnly Day { get; set; }

    public static string IdOf(RegionCode region, DateOnly day) =>
        string.Create(CultureInfo.InvariantCulture, $"{region}:{day:yyyyMMdd}");
}
