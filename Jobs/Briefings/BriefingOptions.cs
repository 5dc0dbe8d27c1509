using AntiFraud.Domain.Regions;
using MailKit.Security;

namespace AntiFraud.Jobs.Briefings;

/// <summary>Which regions get a daily briefing, and where it is mailed (section <c>Briefings</c>).</summary>
public sealed class BriefingOptions
{
    public const string Section = "Briefings";

    /// <summary>GB/T 2260 codes (2, 4 or 6 digits). Empty: the nation and every province.</summary>
    public List<string> Regions { get; set; } = [];

    public SmtpSettings Smtp { get; set; } = new();

    /// <summary>The regions to write, resolved against the catalogue.</summary>
    public IReadOnlyList<RegionCode> RegionsIn(RegionCatalog catalog) => Regions.Count == 0
        ? [RegionCode.National, .. catalog.OfTier(RegionTier.Province).Select(p => p.Code)]
        : Regions.Select(r => catalog.TryResolve(r, out var region, out var error) ? region.Code : throw new InvalidOperationException(error)).Distinct().ToList();

    /// <summary>Every problem with the settings, in sentences an operator can act on; empty when they are usable.</summary>
    public IEnumerable<string> Problems(RegionCatalog catalog)
    {
        foreach (var r in Regions)
            if (!catalog.TryResolve(r, out _, out var error)) yield return $"Briefings:Regions: {error}";
        foreach (var problem in Smtp.Problems()) yield return problem;
    }
}

/// <summary>The mail server briefings are sent through; with no <see cref="Host"/>, nothing is mailed.</summary>
public sealed class SmtpSettings
{
    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    /// <summary>None, Auto, StartTls, StartTlsWhenAvailable or SslOnConnect (MailKit's names).</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTlsWhenAvailable;
    public string From { get; set; } = "";
    public List<string> Recipients { get; set; } = [];
    public string? User { get; set; }
    public string? Password { get; set; }
    /// <summary>The languages of the attached PDFs, "zh-CN" and/or "en"; the body is in the first.</summary>
    public List<string> Languages { get; set; } = [];

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);

    public IReadOnlyList<string> LanguagesOrDefault => Languages.Count == 0 ? ["zh-CN"] : Languages;

    public IEnumerable<string> Problems()
    {
        if (!Enabled) yield break;
        if (Port is < 1 or > 65535) yield return $"Briefings:Smtp:Port must be between 1 and 65535 (it is {Port}).";
        if (!MimeKit.MailboxAddress.TryParse(From, out _)) yield return "Briefings:Smtp:From must be an e-mail address when Briefings:Smtp:Host is set.";
        if (Recipients.Count == 0) yield return "Briefings:Smtp:Recipients must name at least one address when Briefings:Smtp:Host is set.";
        foreach (var r in Recipients.Where(r => !MimeKit.MailboxAddress.TryParse(r, out _)))
            yield return $"Briefings:Smtp:Recipients: '{r}' is not an e-mail address.";
        foreach (var l in Languages.Where(l => l is not ("zh-CN" or "en")))
            yield return $"Briefings:Smtp:Languages: '{l}' is not one of zh-CN, en.";
    }
}
