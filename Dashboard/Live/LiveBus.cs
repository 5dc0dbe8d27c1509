using System.Text.Json;
using StackExchange.Redis;

namespace AntiFraud.Dashboard.Live;

/// <summary>
/// Carries live messages to the relay of every node. On one node it is a direct call; with Redis configured, messages go through a
/// Redis channel so that circuits on every node see events committed on any node. If Redis is unreachable, each node keeps
/// serving its own screens with what it commits itself.
/// </summary>
public interface ILiveBus
{
    Task PublishAsync(ILiveMessage message);
}

public sealed class InProcessLiveBus(LiveFeed feed) : ILiveBus
{
    public Task PublishAsync(ILiveMessage message)
    {
        feed.Publish(message);
        return Task.CompletedTask;
    }
}

public sealed class RedisLiveBus : ILiveBus, IDisposable
{
    private static readonly RedisChannel Channel = RedisChannel.Literal("afc:live");
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly IConnectionMultiplexer _redis;
    private readonly LiveFeed _feed;
    private readonly ILogger<RedisLiveBus> _logger;

    public RedisLiveBus(IConnectionMultiplexer redis, LiveFeed feed, ILogger<RedisLiveBus> logger)
    {
        _redis = redis;
        _feed = feed;
        _logger = logger;
        // Subscriptions are restored by the multiplexer when Redis comes back.
        _redis.GetSubscriber().Subscribe(Channel, (_, value) => Deliver(value));
    }

    public async Task PublishAsync(ILiveMessage message)
    {
        // Not waiting for a connection that is down: the node's own circuits get the message now.
        if (!_redis.IsConnected)
        {
            _feed.Publish(message);
            return;
        }
        try
        {
            await _redis.GetSubscriber().PublishAsync(Channel, Envelope.Wrap(message));
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            _logger.LogWarning("Redis unreachable ({Error}); live message delivered on this node only", e.Message);
            _feed.Publish(message);
        }
    }

    private void Deliver(RedisValue value)
    {
        if (Envelope.Unwrap(value!) is { } message) _feed.Publish(message);
    }

    public void Dispose() => _redis.GetSubscriber().Unsubscribe(Channel);

    private sealed record Envelope(string Type, JsonElement Body)
    {
        private static readonly Dictionary<string, Type> Types = new[]
        {
            typeof(IncidentReportedMessage), typeof(WarningIssuedMessage), typeof(WarningOutcomeMessage), typeof(FiguresChangedMessage),
            typeof(CardIssuedMessage), typeof(CardLiftedMessage),
        }.ToDictionary(t => t.Name);

        public static string Wrap(ILiveMessage message) =>
            JsonSerializer.Serialize(new Envelope(message.GetType().Name, JsonSerializer.SerializeToElement(message, message.GetType(), Json)), Json);

        public static ILiveMessage? Unwrap(string text)
        {
            var envelope = JsonSerializer.Deserialize<Envelope>(text, Json);
            return envelope is not null && Types.TryGetValue(envelope.Type, out var type)
                ? (ILiveMessage?)envelope.Body.Deserialize(type, Json)
                : null;
        }
    }
}
