using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using AntiFraud.Dashboard.Api;
using AntiFraud.Domain.Activity;
using AntiFraud.Domain.Incidents;
using AntiFraud.Domain.Warnings;

namespace AntiFraud.Dashboard.Hosting;

public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>Requests per second one API key may make; bursts up to twice that.</summary>
    [Range(1, 1_000_000)] public int RequestsPerSecondPerKey { get; set; } = 5_000;
}

public static class ApiHosting
{
    /// <summary>The ingestion API: JSON in camelCase with enums as strings, RFC 7807 for every refusal, keys, rate limits, OpenAPI.</summary>
    public static WebApplicationBuilder AddMachineApi(this WebApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ApiExceptionHandler>();
        builder.Services.AddOpenApi();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ApiKeyStore>();
        builder.Services.AddSingleton<ApiKeyAdministration>();
        builder.Services.AddSingleton<IncidentLedger>();
        builder.Services.AddSingleton<WarningLedger>();
        builder.Services.AddSingleton<ActivityLedger>();

        builder.Services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var limits = builder.Configuration.GetSection(ApiOptions.Section).Get<ApiOptions>() ?? new();
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy("per-key", http => RateLimitPartition.GetTokenBucketLimiter(
                http.Request.Headers[ReportingCentre.HeaderName].ToString(),
                _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = limits.RequestsPerSecondPerKey * 2,
                    TokensPerPeriod = limits.RequestsPerSecondPerKey,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
            o.OnRejected = async (context, ct) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "1";
                if (context.HttpContext.Request.Path.StartsWithSegments(AccessHosting.SignInPath))
                {
                    // People at the sign-in form get a sentence, not a machine's problem document.
                    context.HttpContext.Response.Headers.RetryAfter = "60";
                    await Results.Content("""
                        <!DOCTYPE html><html lang="zh-CN"><meta charset="utf-8"><title>请稍后再试 / Try again later</title>
                        <body style="font-family:sans-serif;background:#0f1723;color:#e6edf5;padding:3rem">
                        <h1>请稍后再试 / Try again later</h1>
                        <p>此地址登录尝试过于频繁，请一分钟后再试。</p><p>Too many sign-in attempts from this address: try again in a minute.</p>
                        <p><a style="color:#9cc8ff" href="/account/signin">返回登录 / Back to sign-in</a></p></body></html>
                        """, "text/html; charset=utf-8", statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(context.HttpContext);
                    return;
                }
                await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
                    detail: "This key is over its request rate; retry after the number of seconds in Retry-After.").ExecuteAsync(context.HttpContext);
            };
        });
        return builder;
    }

    public static WebApplication MapMachineApi(this WebApplication app)
    {
        app.UseRateLimiter();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        // Machines authenticate with their API key (checked by the reporting endpoints), not with a sign-in cookie.
        var api = app.MapGroup("/api/v1").AllowAnonymous();
        api.MapRegionsApi();

        var reporting = api.MapGroup("").RequireApiKey().RequireRateLimiting("per-key");
        reporting.MapIncidentsApi();
        reporting.MapWarningsApi();
        reporting.MapActivityApi();
        reporting.MapRegionStatsApi();

        // Unknown API addresses answer in problem+json too, not with the people's not-found page.
        api.MapFallback(() => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found",
            detail: "There is no API endpoint at this address."));
        return app;
    }
}
