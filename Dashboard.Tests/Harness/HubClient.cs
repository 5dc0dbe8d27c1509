using System.Collections.Concurrent;
using AntiFraud.Dashboard.Live;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace AntiFraud.Dashboard.Tests.Harness;

/// <summary>An outside client of <c>/hubs/live</c> (a wall display's script, another centre's system) that records what it receives.</summary>
public sealed class HubClient : IAsyncDisposable
{
    private readonly HubConnection _connection;

    private HubClient(HubConnection connection)
    {
        _connection = connection;
        connection.On<IncidentReportedMessage>(nameof(ILiveClient.IncidentReported), Receive);
        connection.On<WarningIssuedMessage>(nameof(ILiveClient.WarningIssued), Receive);
        connection.On<WarningOutcomeMessage>(nameof(ILiveClient.WarningOutcome), Receive);
        connection.On<FiguresChangedMessage>(nameof(ILiveClient.FiguresChanged), Receive);
        connection.On<CardIssuedMessage>(nameof(ILiveClient.CardIssued), Receive);
        connection.On<CardLiftedMessage>(nameof(ILiveClient.CardLifted), Receive);
    }

    private readonly SemaphoreSlim _arrived = new(0);

    private void Receive(ILiveMessage message)
    {
        Received.Enqueue(message);
        _arrived.Release();
    }

    public ConcurrentQueue<ILiveMessage> Received { get; } = new();

    /// <summary>A machine client of the in-memory test server, signed in with an API key of <paramref name="centre"/> (the nation by default).</summary>
    public static async Task<HubClient> ConnectAsync(AppHost app, string centre = "000000")
    {
        var server = app.Server;
        var (_, secret) = await app.Services.GetRequiredService<Api.ApiKeyStore>().CreateAsync(Domain.Regions.RegionCode.Parse(centre), "hub test client");
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, "hubs/live"), o =>
            {
                o.Headers[Api.ReportingCentre.HeaderName] = secret;
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                o.WebSocketFactory = async (context, ct) =>
                {
                    var client = server.CreateWebSocketClient();
                    client.ConfigureRequest = request => request.Headers[Api.ReportingCentre.HeaderName] = secret;
                    return await client.ConnectAsync(context.Uri, ct);
                };
            })
            .Build();
        await connection.StartAsync();
        return new HubClient(connection);
    }

    /// <summary>A client of a node listening on a real port, signed in with an API key.</summary>
    public static async Task<HubClient> ConnectAsync(Uri nodeAddress, string apiKey)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(nodeAddress, "hubs/live"), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.Headers[Api.ReportingCentre.HeaderName] = apiKey;
            })
            .WithAutomaticReconnect()
            .Build();
        await connection.StartAsync();
        return new HubClient(connection);
    }

    public Task<string> WatchAsync(string region) => _connection.InvokeAsync<string>("Watch", region);
    public Task UnwatchAsync(string region) => _connection.InvokeAsync("Unwatch", region);

    /// <summary>The connection itself, for tests that call the hub in ways a well-behaved client would not.</summary>
    public HubConnection Connection => _connection;

    public IEnumerable<T> Of<T>() where T : ILiveMessage => Received.OfType<T>();

    /// <summary>Waits until the condition holds on what was received; fails after the timeout.</summary>
    public async Task WaitUntilAsync(Func<HubClient, bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        // Re-checked each time a message arrives.
        while (!condition(this))
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await _arrived.WaitAsync(left))
                throw new TimeoutException($"The hub client did not receive what was expected; it received {Received.Count} messages.");
        }
    }

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();
}
