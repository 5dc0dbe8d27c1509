using AntiFraud.Domain.Briefings;
using AntiFraud.Domain.Regions;
using Hangfire;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AntiFraud.Jobs.Briefings;

/// <summary>Registration and schedule of the daily briefing.</summary>
public static class BriefingJobs
{
    public static void Register(IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => RegionCatalog.Shipped);
        services.AddOptions<BriefingOptions>().BindConfiguration(BriefingOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BriefingOptions>, BriefingOptionsValidation>();
        services.AddSingleton<BriefingGatherer>();
        services.AddSingleton<BriefingMailer>();
        services.AddScoped<DailyBriefingJob>();
    }

    public static void Schedule(IRecurringJobManager jobs, string cron, RecurringJobOptions options) =>
        jobs.AddOrUpdate<DailyBriefingJob>(JobsHosting.Recurring.Briefings, j => j.RunAsync(CancellationToken.None), cron, options);
}

/// <summary>Stops the start with a clear message when a region code or a mail setting is unusable.</summary>
internal sealed class BriefingOptionsValidation(RegionCatalog catalog) : IValidateOptions<BriefingOptions>
{
    public ValidateOptionsResult Validate(string? name, BriefingOptions options)
    {
        var problems = options.Problems(catalog).ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
