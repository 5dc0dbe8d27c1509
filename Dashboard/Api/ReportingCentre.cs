using AntiFraud.Domain.Common;
using AntiFraud.Domain.Regions;

namespace AntiFraud.Dashboard.Api;

/// <summary>The API key behind a machine request, and what it may touch.</summary>
public static class ReportingCentre
{
    private const string ItemKey = "api-key";
    public const string HeaderName = "X-Api-Key";

    public static ApiKey Key(this HttpContext http) => (ApiKey)http.Items[ItemKey]!;

    /// <summary>Every machine endpoint except the catalogue needs a live key: 401 without one.</summary>
    public static RouteGroupBuilder RequireApiKey(this RouteGroupBuilder group)
    {
        group.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var keys = http.RequestServices.GetRequiredService<ApiKeyStore>();
            var key = await keys.RecogniseAsync(http.Request.Headers[HeaderName].ToString(), http.RequestAborted);
            if (key is null)
                return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "API key required",
                    detail: $"Send a valid, unrevoked key in the {HeaderName} header.");
            http.Items[ItemKey] = key;
            return await next(context);
        });
        return group;
    }

    /// <summary>Null when <paramref name="region"/> lies in the key's jurisdiction, else the 403 answer.</summary>
    public static IResult? Outside(this ApiKey key, RegionCode region, string field) =>
        region.IsWithin(key.Centre) ? null
        : Problems.Forbidden($"{field}: region {region} is outside the jurisdiction of this key's centre ({key.Centre}).");

    /// <summary>The HTTP answer for what the ledger did.</summary>
    public static IResult Answer(ReportResult result, string? location) => result.Outcome switch
    {
        ReportOutcome.Created => location is null ? Results.Json(new { id = result.Id }, statusCode: StatusCodes.Status201Created) : Results.Created(location, new { id = result.Id }),
        ReportOutcome.AlreadyStored => Results.Ok(new { id = result.Id }),
        ReportOutcome.Conflict => Problems.Conflict(result.Errors),
        ReportOutcome.NotFound => Problems.NotFound("Not found", $"Nothing is stored under id {result.Id}."),
        _ => Problems.Invalid(result.Errors),
    };
}
