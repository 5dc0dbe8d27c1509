using AntiFraud.Dashboard.Live;
using Marten;
using StackExchange.Redis;

namespace AntiFraud.Dashboard.Hosting;

public static class LiveHosting
{
    /// <summary>SignalR hub, the commit listener that feeds it, the node's relay for circuits and the figures coalescer.</summary>
    public static WebApplicationBuilder AddLive(this WebApplicationBuilder builder)
    {
        var signalR = builder.Services.AddSignalR();
        // The JSON protocol that writes a bundle of live messages as their separate invocations (LiveBundle).
        builder.Services.AddSingleton<Microsoft.AspNetCore.SignalR.IHubProtocolResolver, BundlingProtocolResolver>();
        var redis = builder.Configuration.GetConnectionString("Redis");
        if (string.IsNullOrWhiteSpace(redis))
        {
            builder.Services.AddSingleton<ILiveBus, InProcessLiveBus>();
        }
        else
        {
            // Scale-out: the backplane carries hub messages between nodes, a Redis channel carries them to every node's circuits.
            var options = ConfigurationOptions.Parse(redis);
            options.AbortOnConnectFail = false;
            var multiplexer = ConnectionMultiplexer.Connect(options);
            builder.Services.AddSingleton<IConnectionMultiplexer>(multiplexer);
            signalR.AddStackExchangeRedis(o => o.ConnectionFactory = _ => Task.FromResult<IConnectionMultiplexer>(multiplexer));
            builder.Services.AddSingleton<ILiveBus, RedisLiveBus>();
        }
        builder.Services.AddSingleton<LiveCommitListener>();
        builder.Services.AddSingleton<IConfigureMarten, ListenForCommits>();
        builder.Services.AddSingleton<LiveFeed>();
        builder.Services.AddSingleton<HubWatchers>();
        builder.Services.AddHostedService<LiveDispatcher>();
        builder.Services.AddSingleton<FiguresRelay>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<FiguresRelay>());
        builder.Services.AddSingleton<RollUpLag>();
        builder.Services.AddHostedService<RollUpLagMonitor>();
        builder.Services.AddOptions<LiveOptions>().BindConfiguration(LiveOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return builder;
    }

    public static WebApplication MapLive(this WebApplication app)
    {
        // People with their sign-in cookie, machines with their API key; Watch checks the jurisdiction.
        app.MapHub<LiveHub>("/hubs/live").RequireAuthorization(AntiFraud.Dashboard.Access.AccessPolicies.PeopleOrMachines);
        return app;
    }
}

/// <summary>Hooks the live listener into every session of the store.</summary>
internal sealed class ListenForCommits(LiveCommitListener listener) : IConfigureMarten
{
    public void Configure(IServiceProvider services, StoreOptions options) => options.Listeners.Add(listener);
}
