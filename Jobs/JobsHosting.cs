using System.ComponentModel.DataAnnotations;
using AntiFraud.Domain.Common;
using AntiFraud.Jobs.Briefings;
using AntiFraud.Jobs.Cards;
using AntiFraud.Jobs.Trends;
using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AntiFraud.Jobs;

/// <summary>The periodic work: Hangfire on the same PostgreSQL (own schema), the job classes, and their China-time schedules.</summary>
public static class JobsHosting
{
    /// <summary>Ids of the recurring jobs, as the Hangfire dashboard lists them.</summary>
    public static class Recurring
    {
        public const string HourlyTrends = "trends-hourly";
        public const string NightlyTrends = "trends-nightly";
        public const string Cards = "cards-nightly";
        public const string Briefings = "briefings-daily";
    }

    public static IServiceCollection AddJobs(this IServiceCollection services, IConfiguration configuration, string connectionString)
    {
        var options = configuration.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new();
        Validate(options);
        services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        // This host's own storage and job activator, registered before Hangfire's defaults: those are read back from Hangfire's
        // process-wide configuration, which every host in the process sets in turn, so two hosts starting together could each
        // end up with the other's (a job was then activated from a host that had stopped: "Cannot access a disposed object").
        var storageOptions = new PostgreSqlStorageOptions { SchemaName = options.Schema, PrepareSchemaIfNecessary = true };
        services.AddSingleton<JobStorage>(_ => new PostgreSqlStorage(new Hangfire.PostgreSql.Factories.NpgsqlConnectionFactory(connectionString, storageOptions), storageOptions));
        services.AddSingleton<JobActivator>(provider => new Hangfire.AspNetCore.AspNetCoreJobActivator(provider.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((provider, config) => config
            .UseLogProvider(new HostLogProvider(provider.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>()))
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseStorage(provider.GetRequiredService<JobStorage>()));
        if (options.Server)
        {
            services.AddHangfireServer(server =>
            {
                server.WorkerCount = options.WorkerCount;
                server.SchedulePollingInterval = TimeSpan.FromSeconds(5);
                server.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}";
            });
        }

        TrendJobs.Register(services);
        CardJobs.Register(services, configuration);
        BriefingJobs.Register(services, configuration);
        if (options.Schedule) services.AddHostedService<RecurringSchedule>();
        return services;
    }

    /// <summary>The zone every schedule is read in: 08:00 here is 00:00 UTC.</summary>
    public static TimeZoneInfo ScheduleZone { get; } = FindChinaZone();

    private static TimeZoneInfo FindChinaZone()
    {
        // Hangfire stores a schedule's zone by id, so use the system's zone when it has one; the fixed offset otherwise.
        try { return TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"); }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException) { return ChinaTime.Zone; }
    }

    private static void Validate(object options)
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
            throw new InvalidOperationException("Invalid setting: " + string.Join(" ", results.Select(r => r.ErrorMessage)));
    }
}

/// <summary>Registers (or updates) the recurring jobs at start; doing it in several processes is harmless.</summary>
internal sealed class RecurringSchedule(IRecurringJobManager jobs, Microsoft.Extensions.Options.IOptions<JobsOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var china = new RecurringJobOptions { TimeZone = JobsHosting.ScheduleZone };
        jobs.AddOrUpdate<TrendRollUpJob>(JobsHosting.Recurring.HourlyTrends, j => j.RunRecentAsync(CancellationToken.None), o.HourlyTrendsCron, china);
        jobs.AddOrUpdate<TrendRollUpJob>(JobsHosting.Recurring.NightlyTrends, j => j.RunFullAsync(CancellationToken.None), o.NightlyTrendsCron, china);
        jobs.AddOrUpdate<CardEvaluationJob>(JobsHosting.Recurring.Cards, j => j.RunAsync(CancellationToken.None), o.CardsCron, china);
        BriefingJobs.Schedule(jobs, o.BriefingsCron, china);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
