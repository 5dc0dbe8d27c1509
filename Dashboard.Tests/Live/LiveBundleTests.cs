using System.Buffers;
using AntiFraud.Dashboard.Live;
using AntiFraud.Domain.Cards;
using AntiFraud.Domain.Incidents;
using AntiFraud.Domain.Warnings;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Options;

namespace AntiFraud.Dashboard.Tests.Live;

/// <summary>
/// Messages committed together go to a group as one send; what a client reads must be the ordinary invocations SignalR's own JSON
/// protocol would have written for them one by one.
/// </summary>
public sealed class LiveBundleTests
{
    private static readonly IOptions<JsonHubProtocolOptions> Options = Microsoft.Extensions.Options.Options.Create(new JsonHubProtocolOptions());
    private static readonly DateTimeOffset At = new(2026, 11, 26, 9, 30, 0, TimeSpan.FromHours(8));

    private static readonly ILiveMessage[] Messages =
    [
        new IncidentReportedMessage(Guid.NewGuid(), "440305", FraudType.PigButchering, 1_234.5m, At, 101) { CommittedAt = At },
        new WarningIssuedMessage(Guid.NewGuid(), "440304", WarningLevel.High, FraudType.FakeInvestment, At, 102) { CommittedAt = At },
        new CardIssuedMessage("440300", CardLevel.Yellow, "manual", false, At, 103),
    ];

    private static byte[] Written(IHubProtocol protocol, params HubMessage[] messages)
    {
        var output = new ArrayBufferWriter<byte>();
        foreach (var message in messages) protocol.WriteMessage(message, output);
        return output.WrittenSpan.ToArray();
    }

    [Fact]
    public void A_bundle_is_written_as_the_invocations_the_json_protocol_writes_for_each_message_in_order()
    {
        var json = new JsonHubProtocol(Options);
        var bundling = new BundlingJsonHubProtocol(Options);
        var bundle = new InvocationMessage(LiveBundle.Target, [new LiveBundle(Messages)]);

        var separately = Written(json, Messages.Select(m => (HubMessage)new InvocationMessage(LiveBundle.TargetOf(m), [m])).ToArray());

        Assert.Equal(separately, Written(bundling, bundle));
        // The backplane serialises through GetMessageBytes: the same bytes.
        Assert.Equal(separately, bundling.GetMessageBytes(bundle).ToArray());
    }

    [Fact]
    public void A_client_reads_a_bundle_as_separate_calls_of_the_live_client_methods()
    {
        var bundling = new BundlingJsonHubProtocol(Options);
        var input = new ReadOnlySequence<byte>(Written(bundling, new InvocationMessage(LiveBundle.Target, [new LiveBundle(Messages)])));
        var json = new JsonHubProtocol(Options);

        var read = new List<InvocationMessage>();
        while (json.TryParseMessage(ref input, new LiveClientBinder(), out var message)) read.Add(Assert.IsType<InvocationMessage>(message));

        Assert.Equal(["IncidentReported", "WarningIssued", "CardIssued"], read.Select(m => m.Target));
        var incident = Assert.IsType<IncidentReportedMessage>(read[0].Arguments[0]);
        Assert.Equal((IncidentReportedMessage)Messages[0], incident);
        Assert.Equal(1_234.5m, incident.LossAmount);
        Assert.Equal(Messages[1], Assert.IsType<WarningIssuedMessage>(read[1].Arguments[0]));
        Assert.Equal(Messages[2], Assert.IsType<CardIssuedMessage>(read[2].Arguments[0]));
    }

    [Fact]
    public void Every_other_message_is_written_exactly_as_the_json_protocol_writes_it()
    {
        var json = new JsonHubProtocol(Options);
        var bundling = new BundlingJsonHubProtocol(Options);
        HubMessage[] others = [new InvocationMessage("IncidentReported", [Messages[0]]), new CompletionMessage("7", null, "440000", true), PingMessage.Instance];

        Assert.Equal(Written(json, others), Written(bundling, others));
        Assert.Equal("json", bundling.Name);
    }

    [Fact]
    public void The_resolver_offers_the_bundling_protocol_as_json_and_keeps_the_others()
    {
        var resolver = new BundlingProtocolResolver([new JsonHubProtocol(Options)], Options);

        Assert.IsType<BundlingJsonHubProtocol>(resolver.GetProtocol("json", null));
        Assert.IsType<BundlingJsonHubProtocol>(Assert.Single(resolver.AllProtocols));
        Assert.Null(resolver.GetProtocol("json", ["messagepack"]));
        Assert.Null(resolver.GetProtocol("messagepack", null));
    }

    /// <summary>What a .NET client's binder says: each live client method takes its one message.</summary>
    private sealed class LiveClientBinder : IInvocationBinder
    {
        public IReadOnlyList<Type> GetParameterTypes(string methodName) => methodName switch
        {
            "IncidentReported" => [typeof(IncidentReportedMessage)],
            "WarningIssued" => [typeof(WarningIssuedMessage)],
            "CardIssued" => [typeof(CardIssuedMessage)],
            _ => throw new InvalidOperationException($"Unexpected method {methodName}."),
        };

        public Type GetReturnType(string invocationId) => typeof(object);
        public Type GetStreamItemType(string streamId) => typeof(object);
    }
}
