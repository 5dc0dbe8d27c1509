using AntiFraud.Dashboard.Simulation;
using AntiFraud.Domain.Activity;
using AntiFraud.Domain.Incidents;
using AntiFraud.Domain.Regions;
using AntiFraud.Domain.Simulation;
using AntiFraud.Domain.Warnings;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AntiFraud.Dashboard.Hosting;

public static class SimulatorHosting
{
    /// <summary>
    /// The simulator (live reports through the ledgers, on by default only with the embedded database) and the history backfill,
    /// run at start-up on a store without reports and by the <c>backfill</c> command.
    /// </summary>
    public static WebApplicationBuilder AddSimulator(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SimulatorOptions>().BindConfiguration(SimulatorOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<IncidentLedger>();
        builder.Services.TryAddSingleton<WarningLedger>();
        builder.Services.TryAddSingleton<ActivityLedger>();
        builder.Services.AddSingleton(services => new RegionWeights(services.GetRequiredService<RegionCatalog>()));
        builder.Services.AddSingleton<SimulatorStatus>();
        builder.Services.AddSingleton<HistoryBackfill>();
        builder.Services.AddSingleton<LiveSimulator>();
        builder.Services.AddHostedService(services => services.GetRequiredService<LiveSimulator>());
        return builder;
    }
}
