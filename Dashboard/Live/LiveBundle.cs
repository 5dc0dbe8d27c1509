using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Options;

namespace AntiFraud.Dashboard.Live;

/// <summary>
/// Several live messages for one group, sent as one hub send. A send costs the server a write, a flush and a socket write per
/// connection whatever it carries, so the messages committed within a few milliseconds of each other go as one: the hub protocol
/// (<see cref="BundlingJsonHubProtocol"/>) writes them out as the ordinary invocations they are, one after the other, and a client
/// cannot tell them from separate sends, except that they arrive in one WebSocket frame.
/// </summary>
public sealed class LiveBundle(IReadOnlyList<ILiveMessage> messages)
{
    /// <summary>The hub method name that marks a bundle. It never reaches a client.</summary>
    public const string Target = "~live-bundle";

    public IReadOnlyList<ILiveMessage> Messages { get; } = messages;

    /// <summary>The <see cref="ILiveClient"/> method a message is delivered to.</summary>
    public static string TargetOf(ILiveMessage message) => message switch
    {
        IncidentReportedMessage => nameof(ILiveClient.IncidentReported),
        WarningIssuedMessage => nameof(ILiveClient.WarningIssued),
        WarningOutcomeMessage => nameof(ILiveClient.WarningOutcome),
        FiguresChangedMessage => nameof(ILiveClient.FiguresChanged),
        CardIssuedMessage => nameof(ILiveClient.CardIssued),
        CardLiftedMessage => nameof(ILiveClient.CardLifted),
        _ => throw new ArgumentException($"{message.GetType().Name} is not a live message a client receives.", nameof(message)),
    };

    /// <summary>Sends the bundle to every connection of a group (through the backplane when there is one).</summary>
    public Task SendAsync(IClientProxy clients) => clients.SendCoreAsync(Target, [this]);
}

/// <summary>
/// SignalR's JSON hub protocol, which also writes a <see cref="LiveBundle"/> sent as one invocation as the separate invocations of
/// its messages. Everything else, reading included, is the JSON protocol's own. Registered in its place under the name
/// <c>json</c>; with the Redis backplane the sending node serialises the bundle once and every node writes those bytes.
/// </summary>
public sealed class BundlingJsonHubProtocol(IOptions<JsonHubProtocolOptions> options) : IHubProtocol
{
    private readonly JsonHubProtocol _json = new(options);

    public string Name => _json.Name;
    public int Version => _json.Version;
    public TransferFormat TransferFormat => _json.TransferFormat;
    public bool IsVersionSupported(int version) => _json.IsVersionSupported(version);

    public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [NotNullWhen(true)] out HubMessage? message) =>
        _json.TryParseMessage(ref input, binder, out message);

    public void WriteMessage(HubMessage message, IBufferWriter<byte> output)
    {
        if (message is InvocationMessage { Target: LiveBundle.Target, Arguments: [LiveBundle bundle] })
        {
            foreach (var each in bundle.Messages) _json.WriteMessage(new InvocationMessage(LiveBundle.TargetOf(each), [each]), output);
            return;
        }
        _json.WriteMessage(message, output);
    }

    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message)
    {
        if (message is not InvocationMessage { Target: LiveBundle.Target }) return _json.GetMessageBytes(message);
        var output = new ArrayBufferWriter<byte>();
        WriteMessage(message, output);
        return output.WrittenMemory;
    }
}

/// <summary>
/// SignalR's protocol resolver with <see cref="BundlingJsonHubProtocol"/> in place of the JSON protocol. Replacing the resolver
/// rather than the protocol's registration holds whatever else registers SignalR afterwards (Blazor does, and adds the JSON
/// protocol again if it is missing).
/// </summary>
public sealed class BundlingProtocolResolver : IHubProtocolResolver
{
    private readonly Dictionary<string, IHubProtocol> _byName = new(StringComparer.OrdinalIgnoreCase);

    public BundlingProtocolResolver(IEnumerable<IHubProtocol> protocols, IOptions<JsonHubProtocolOptions> json)
    {
        AllProtocols = protocols.Select(p => p is JsonHubProtocol ? new BundlingJsonHubProtocol(json) : p).ToList();
        foreach (var protocol in AllProtocols) _byName[protocol.Name] = protocol;
    }

    public IReadOnlyList<IHubProtocol> AllProtocols { get; }

    public IHubProtocol? GetProtocol(string protocolName, IReadOnlyList<string>? supportedProtocols) =>
        (supportedProtocols is null || supportedProtocols.Contains(protocolName, StringComparer.OrdinalIgnoreCase)) &&
        _byName.TryGetValue(protocolName, out var protocol) ? protocol : null;
}
