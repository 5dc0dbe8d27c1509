using System.Globalization;
using AntiFraud.Domain.Regions;

namespace AntiFraud.Dashboard.Features.Briefings;

/// <summary>Addresses of briefings and the day format they use.</summary>
public static class BriefingAddress
{
    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly? ParseDay(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    public static string Page(RegionCode region, DateOnly day) => $"briefings/{region}/{Iso(day)}";

    public static string Pdf(RegionCode region, DateOnly day, bool english) => $"briefings/{region}/{Iso(day)}.pdf{(english ? "?lang=en" : "")}";
}
