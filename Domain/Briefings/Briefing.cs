using System.Globalization;
using System.Text.Json;
using AntiFraud.Domain.Regions;

namespace AntiFraud.Domain.Briefings;

/// <summary>
/// The daily briefing of one region on one China day, written at 08:00 the morning after. It stores the facts, not the prose:
/// the sentences are written from the facts in whichever language the reader chooses (<see cref="BriefingWriter"/>).
/// </summary>
public sealed class Briefing
{
    public string Id { get; set; } = "";
    public RegionCode Region { get; set; }
    /// <summary>The China day the briefing is about (the day before it was written).</summary>
    public DateOnly Day { get; set; }

    /// <summary>The region's Chinese name when the briefing was written.</summary>
    public string RegionName { get; set; } = "";

    /// <summary>When these facts were first written; a rerun that finds the same facts leaves it (and the document) as it was.</summary>
    public DateTimeOffset WrittenAt { get; set; }

    public BriefingFacts Facts { get; set; } = BriefingFacts.Empty;

    /// <summary>When the briefing was sent by e-mail (null when it was not, or no mail server is configured).</summary>
    public DateTimeOffset? MailedAt { get; set; }

    public static string IdOf(RegionCode region, DateOnly day) =>
        string.Create(CultureInfo.InvariantCulture, $"{region}:{day:yyyyMMdd}");

    /// <summary>The facts compared by content, to tell a rerun over the same data from a changed day (late reports).</summary>
    public static bool SameFacts(BriefingFacts a, BriefingFacts b) =>
        JsonSerializer.Serialize(a) == JsonSerializer.Serialize(b);
}
