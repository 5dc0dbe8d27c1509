using AntiFraud.Dashboard.Access;
using AntiFraud.Dashboard.Features.Briefings;
using AntiFraud.Domain.Briefings;
using AntiFraud.Domain.Regions;
using AntiFraud.Jobs.Briefings;
using Marten;

// Beside the other MapXxx extensions, so Program.cs reads it without another using.
namespace AntiFraud.Dashboard.Hosting;

/// <summary>The briefing as a PDF: <c>GET /briefings/{region}/{day}.pdf</c>, Chinese unless <c>?lang=en</c>.</summary>
public static class BriefingEndpoints
{
    public static WebApplication MapBriefings(this WebApplication app)
    {
        app.MapGet("/briefings/{region}/{day}.pdf", async (string region, string day, string? lang, RegionCatalog catalog, IDocumentStore store,
            HttpContext http, Auditor audit, CancellationToken ct) =>
        {
            if (!catalog.TryResolve(region, out var place, out var error))
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "没有这个地区 / No such region", detail: error);
            if (!http.User.CanSee(place.Code))
            {
                await audit.RecordAsync(Domain.Access.AuditKinds.Refused, http.User, place.Code.ToString(), "briefing PDF outside jurisdiction",
                    http.Connection.RemoteIpAddress?.ToString(), ct);
                return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "不在辖区内 / Outside your jurisdiction",
                    detail: $"{place.Code} is outside your jurisdiction ({AccessClaims.JurisdictionOf(http.User)}).");
            }
            if (BriefingAddress.ParseDay(day) is not { } date)
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "日期无法识别 / The date is not readable",
                    detail: $"'{day}' is not a date: write it as yyyy-MM-dd, e.g. 2025-07-14.");

            await using var session = store.QuerySession();
            var briefing = await session.LoadAsync<Briefing>(Briefing.IdOf(place.Code, date), ct);
            if (briefing is null)
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "该简报尚未生成 / No briefing yet",
                    detail: $"There is no briefing for {place.Name} ({place.Code}) on {BriefingAddress.Iso(date)}: briefings are written at 08:00 China time about the day before.");

            var language = BriefingWriter.LanguageOf(lang);
            var pdf = BriefingPdf.Render(briefing, language);
            return Results.File(pdf, "application/pdf", BriefingMailer.FileName(briefing, language));
        }).RequireAuthorization(AccessPolicies.Analyst).ExcludeFromDescription();
        return app;
    }
}
