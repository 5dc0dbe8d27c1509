using System.Globalization;
using AntiFraud.Domain.Common;
using AntiFraud.Domain.Figures;
using AntiFraud.Domain.Regions;
using Marten;

namespace AntiFraud.Dashboard.Api;

/// <summary>The region catalogue for machine clients: <c>/api/v1/regions/{code}</c> and its children.</summary>
public static class RegionsApi
{
    /// <param name="Name">The official Chinese name.</param>
    /// <param name="NameEn">The English name.</param>
    public sealed record RegionDto(string Code, string Name, string NameEn, RegionTier Tier, string? ParentCode)
    {
        public static RegionDto From(Region region) =>
            new(region.Code.ToString(), region.Name, region.EnglishName, region.Tier, region.Parent?.Code.ToString());
    }

    public static RouteGroupBuilder MapRegionsApi(this RouteGroupBuilder api)
    {
        var regions = api.MapGroup("/regions").WithTags("Regions");

        regions.MapGet("/{code}", (string code, RegionCatalog catalog) =>
                catalog.TryResolve(code, out var region, out var error)
                    ? Results.Ok(RegionDto.From(region))
                    : UnknownRegion(code, error))
            .WithSummary("A region by its GB/T 2260 code (2, 4 or 6 digits).")
            .Produces<RegionDto>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        regions.MapGet("/{code}/children", (string code, RegionCatalog catalog) =>
                catalog.TryResolve(code, out var region, out var error)
                    ? Results.Ok(region.Children.Select(RegionDto.From))
                    : UnknownRegion(code, error))
            .WithSummary("The region's children, ordered by code.")
            .Produces<IEnumerable<RegionDto>>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        return api;
    }

    /// <summary><c>/api/v1/regions/{code}/stats?from=&amp;to=</c>: the subtree's totals over China days, inclusive. Needs a key whose jurisdiction covers the region.</summary>
    public static RouteGroupBuilder MapRegionStatsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/regions/{code}/stats", async (string code, string? from, string? to, HttpContext http, RegionCatalog catalog, IDocumentStore store, CancellationToken ct) =>
        {
            if (!catalog.TryResolve(code, out var region, out var error)) return UnknownRegion(code, error);
            var errors = new List<FieldError>();
            var fromDay = Day(from, "from", errors);
            var toDay = Day(to, "to", errors);
            if (errors.Count == 0 && fromDay > toDay) errors.Add(new FieldError("to", "'to' is before 'from'."));
            if (errors.Count == 0 && toDay.DayNumber - fromDay.DayNumber >= RegionFigures.MaxDays)
                errors.Add(new FieldError("to", $"At most {RegionFigures.MaxDays} days at a time."));
            if (errors.Count > 0) return Problems.Invalid(errors, "Invalid date range");
            if (http.Key().Outside(region.Code, "/code") is { } forbidden) return forbidden;
            await using var session = store.QuerySession();
            return Results.Ok(await RegionFigures.TotalsAsync(session, region.Code, fromDay, toDay, ct));
        }).WithTags("Regions").WithSummary("A region subtree's totals over China days (from and to inclusive, YYYY-MM-DD).");
        return api;
    }

    private static DateOnly Day(string? text, string name, List<FieldError> errors)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return day;
        errors.Add(new FieldError(name, $"'{name}' is required as a China date YYYY-MM-DD."));
        return default;
    }

    private static IResult UnknownRegion(string code, string error) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown region", detail: error,
            type: "https://datatracker.ietf.org/doc/html/rfc9110#section-15.5.5",
            extensions: new Dictionary<string, object?> { ["regionCode"] = code.Length > 20 ? code[..20] : code });
}
