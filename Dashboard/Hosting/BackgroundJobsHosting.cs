using AntiFraud.Dashboard.Access;
using AntiFraud.Domain.Access;
using AntiFraud.Dashboard.Hosting.Embedded;
using AntiFraud.Jobs;
using Hangfire;
using Hangfire.Dashboard;

namespace AntiFraud.Dashboard.Hosting;

public static class BackgroundJobsHosting
{
    /// <summary>Hangfire inside the web node by default: storage beside the event store, a server unless turned off, the schedules.</summary>
    public static WebApplicationBuilder AddBackgroundJobs(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("Marten")
            ?? throw new StartupException("Background jobs need the database: add the database before the jobs.");
        try
        {
            builder.Services.AddJobs(builder.Configuration, connectionString);
        }
        catch (InvalidOperationException e)
        {
            throw new StartupException(e.Message);
        }
        return builder;
    }

    /// <summary>The Hangfire dashboard at <c>/hangfire</c>: jobs, schedules, failures and retries, for administrators only.</summary>
    public static WebApplication MapBackgroundJobs(this WebApplication app)
    {
        app.UseHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = [new AdministratorsOnly()],
            DashboardTitle = "反诈指挥中心 · 后台任务 / Background jobs",
            AppPath = "/",
            DisplayStorageConnectionString = false,
        });
        return app;
    }
}

/// <summary>Signed-in administrators only; anyone else gets 401 (not signed in) or 403.</summary>
internal sealed class AdministratorsOnly : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context)
    {
        var http = context.GetHttpContext();
        if (http.User.Has(AccessRole.Administrator)) return true;
        // Hangfire answers 401 or 403 itself; the people's error pages must not turn that into a sign-in redirect.
        if (http.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } pages) pages.Enabled = false;
        return false;
    }
}
