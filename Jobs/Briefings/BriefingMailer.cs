using AntiFraud.Domain.Briefings;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace AntiFraud.Jobs.Briefings;

/// <summary>Sends a briefing to the configured recipients: the prose as the body, the PDF in each configured language attached.</summary>
public sealed class BriefingMailer(IOptions<BriefingOptions> options, ILogger<BriefingMailer> logger)
{
    private SmtpSettings Smtp => options.Value.Smtp;

    public bool Enabled => Smtp.Enabled;

    /// <summary>Sends every briefing over one connection; returns those sent.</summary>
    public async Task<IReadOnlyList<Briefing>> SendAsync(IReadOnlyList<Briefing> briefings, CancellationToken ct)
    {
        if (!Enabled || briefings.Count == 0) return [];
        var smtp = Smtp;
        using var client = new SmtpClient();
        await client.ConnectAsync(smtp.Host!, smtp.Port, smtp.Security, ct);
        if (!string.IsNullOrEmpty(smtp.User)) await client.AuthenticateAsync(smtp.User, smtp.Password ?? "", ct);
        var sent = new List<Briefing>();
        foreach (var briefing in briefings)
        {
            await client.SendAsync(Message(briefing, smtp), ct);
            sent.Add(briefing);
            logger.LogInformation("Briefing {Id} mailed to {Count} recipients", briefing.Id, smtp.Recipients.Count);
        }
        await client.DisconnectAsync(quit: true, ct);
        return sent;
    }

    private static MimeMessage Message(Briefing briefing, SmtpSettings smtp)
    {
        var languages = smtp.LanguagesOrDefault.Select(BriefingWriter.LanguageOf).Distinct().ToList();
        var text = BriefingWriter.Write(briefing, languages[0]);
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(smtp.From));
        foreach (var r in smtp.Recipients) message.To.Add(MailboxAddress.Parse(r));
        message.Subject = $"{text.Title} · {text.DayText}";
        var body = new BodyBuilder { TextBody = BriefingWriter.PlainText(text) };
        foreach (var language in languages)
            body.Attachments.Add(FileName(briefing, language), BriefingPdf.Render(briefing, language), new ContentType("application", "pdf"));
        message.Body = body.ToMessageBody();
        return message;
    }

    /// <summary>The PDF's file name, the same one the download link gives.</summary>
    public static string FileName(Briefing briefing, BriefingLanguage language) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"briefing-{briefing.Region}-{briefing.Day:yyyy-MM-dd}{(language == BriefingLanguage.English ? "-en" : "")}.pdf");
}
