using AntiFraud.Dashboard.Live;
using Marten;

namespace AntiFraud.Dashboard.Hosting;

public static class LiveHosting
{
    /// <summary>SignalR hub, the commit listener that feeds it, the node's relay for circuits and the figures coalescer.</summary>
    public static WebApplicationBuilder AddLive(this WebApplicationBuilder builder)
    {
        builder.Services.AddSignalR();
        builder.Services.AddSingleton<LiveCommitListener>();
        builder.Services.AddSingleton<IConfigureMarten, ListenForCommits>();
        builder.Services.AddSingleton<LiveFeed>();
        builder.Services.AddSingleton<HubWatchers>();
        builder.Services.AddHostedService<LiveDispatcher>();
        builder.Services.AddSingleton<FiguresRelay>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<FiguresRelay>());
        builder.Services.AddOptions<LiveOptions>().BindConfiguration(LiveOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return builder;
    }

    public static WebApplication MapLive(this WebApplication app)
    {
        app.MapHub<LiveHub>("/hubs/live");
        return app;
    }
}

/// <summary>Hooks the live listener into every session of the store.</summary>
internal sealed class ListenForCommits(LiveCommitListener listener) : IConfigureMarten
{
    public void Configure(IServiceProvider services, StoreOptions options) => options.Listeners.Add(listener);
}
