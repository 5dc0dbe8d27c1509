using JasperFx.Events.Daemon;

namespace AntiFraud.Dashboard.Simulation;

/// <summary>
/// The app's projection coordinator (the async daemon under hot/cold leadership), started on its own for a command that runs
/// without the web app. When the app itself is running on the same database it keeps the lead and does the work; either way
/// the roll-ups catch up, and two daemons never run the same projection at once.
/// </summary>
public sealed class RollUpDaemon : IAsyncDisposable
{
    private readonly List<IHostedService> _started = [];

    private RollUpDaemon() { }

    public static async Task<RollUpDaemon> StartAsync(IServiceProvider services, CancellationToken ct = default)
    {
        var daemon = new RollUpDaemon();
        foreach (var service in services.GetServices<IHostedService>().Where(s => s is IProjectionCoordinator))
        {
            await service.StartAsync(ct);
            daemon._started.Add(service);
        }
        if (daemon._started.Count == 0)
            throw new InvalidOperationException("No projection daemon is registered: the roll-ups would never catch up.");
        return daemon;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var service in _started) await service.StopAsync(CancellationToken.None);
    }
}
