using System.Net;
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

/// <summary>
/// Until access control lands, the administrators are the people at the server itself: requests from the loopback
/// address only. Everyone else gets 401.
/// </summary>
internal sealed class AdministratorsOnly : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context)
    {
        var remote = context.GetHttpContext().Connection.RemoteIpAddress;
        return remote is not null && IPAddress.IsLoopback(remote);
    }
}
