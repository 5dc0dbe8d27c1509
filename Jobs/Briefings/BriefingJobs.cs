using Hangfire;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AntiFraud.Jobs.Briefings;

/// <summary>Registration and schedule of the daily briefing (filled in by the briefing slice).</summary>
public static class BriefingJobs
{
    public static void Register(IServiceCollection services, IConfiguration configuration)
    {
    }

    public static void Schedule(IRecurringJobManager jobs, string cron, RecurringJobOptions options)
    {
    }
}
