using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace AntiFraud.Dashboard.Hosting;

public static class HealthHosting
{
    /// <summary>/healthz: 200 "Healthy" when PostgreSQL answers, 503 otherwise; no details leak.</summary>
    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { AllowCachingResponses = false }).AllowAnonymous();
        return app;
    }
}
