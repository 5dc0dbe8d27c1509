using AntiFraud.Domain.Regions;

namespace AntiFraud.Dashboard.Api;

/// <summary>The region catalogue for machine clients: <c>/api/v1/regions/{code}</c> and its children.</summary>
public static class RegionsApi
{
    public sealed record RegionDto(string Code, string Name, RegionTier Tier, string? ParentCode)
    {
        public static RegionDto From(Region region) => new(region.Code.ToString(), region.Name, region.Tier, region.Parent?.Code.ToString());
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

    private static IResult UnknownRegion(string code, string error) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown region", detail: error,
            type: "https://datatracker.ietf.org/doc/html/rfc9110#section-15.5.5",
            extensions: new Dictionary<string, object?> { ["regionCode"] = code.Length > 20 ? code[..20] : code });
}
