using System.Threading.Channels;
using AntiFraud.Domain.Cards;
using AntiFraud.Domain.Common;
using AntiFraud.Domain.Incidents;
using Channel = System.Threading.Channels.Channel;
using AntiFraud.Domain.Warnings;
using JasperFx.Events;
using Marten;
using Marten.Services;

namespace AntiFraud.Dashboard.Live;

/// <summary>
/// Turns committed events into live messages. It runs after the transaction commits, so an uncommitted event is never reported,
/// and it only hands messages to a bounded queue: a burst can neither slow the commit nor grow memory without bound.
/// </summary>
public sealed class LiveCommitListener : DocumentSessionListenerBase, ICommittedEventsListener
{
    public const int QueueCapacity = 20_000;
    private static readonly TimeSpan Recent = TimeSpan.FromHours(24);

    private readonly System.Threading.Channels.Channel<ILiveMessage> _queue;
    private long _dropped;

    public LiveCommitListener()
    {
        // A full queue drops its oldest message (and writing always succeeds), so drops are counted where the channel makes them.
        _queue = System.Threading.Channels.Channel.CreateBounded<ILiveMessage>(
            new BoundedChannelOptions(QueueCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => Interlocked.Increment(ref _dropped));
    }

    public System.Threading.Channels.ChannelReader<ILiveMessage> Messages => _queue.Reader;

    /// <summary>Messages dropped because the queue was full (a reconnecting screen catches up from the store).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        Publish(commit.GetEvents());
        return Task.CompletedTask;
    }

    /// <summary>Events a batch started outside a session (<see cref="NewStreams{TEvent,TView}"/>), after their commit.</summary>
    public void Committed(IReadOnlyList<IEvent> events) => Publish(events);

    private void Publish(IEnumerable<IEvent> events)
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var e in events)
        {
            ILiveMessage? message = e.Data switch
            {
                // History being filled in (a backfill) is not news: only what happened in the last day is pushed.
                IncidentReported r when now - r.OccurredAt < Recent =>
                    new IncidentReportedMessage(r.IncidentId, r.County.ToString(), r.FraudType, r.LossAmount, r.OccurredAt, e.Sequence) { CommittedAt = now, ReportedAt = r.ReportedAt },
                WarningIssued w when now - w.IssuedAt < Recent =>
                    new WarningIssuedMessage(w.WarningId, w.County.ToString(), w.Level, w.Category, w.IssuedAt, e.Sequence) { CommittedAt = now },
                WarningOutcomeRecorded o when now - o.At < Recent =>
                    new WarningOutcomeMessage(e.StreamId, o.County.ToString(), o.Outcome, o.MinutesToFirstCallBack, o.At, e.Sequence) { CommittedAt = now },
                CardIssued c => new CardIssuedMessage(c.Region.ToString(), c.Level, c.Rule, false, c.At, e.Sequence),
                CardEscalated c => new CardIssuedMessage(c.Region.ToString(), c.To, c.Rule, true, c.At, e.Sequence),
                CardLifted c => new CardLiftedMessage(c.Region.ToString(), c.Level, c.Rule, c.At, e.Sequence),
                _ => null,
            };
            if (message is not null) _queue.Writer.TryWrite(message);
        }
    }
}
