using System.Collections.Concurrent;
using AntiFraud.Dashboard.Tests.Harness;
using Marten;
using Microsoft.Extensions.Logging;

namespace AntiFraud.Dashboard.Tests.Ground;

/// <summary>
/// What the store writes to the operators' log: a version conflict the ledger answers by design is not an error, a failing
/// statement is (with its SQL).
/// </summary>
public sealed class StoreLoggingTests
{
    [Fact]
    public async Task A_stream_stored_twice_at_once_is_not_logged_as_an_error_but_a_failing_statement_is()
    {
        await using var app = await AppHost.StartAsync();
        var log = new CapturedLog();
        app.Services.GetRequiredService<ILoggerFactory>().AddProvider(log);
        var store = app.Services.GetRequiredService<IDocumentStore>();
        var streamId = Guid.NewGuid();
        var started = new DutyShiftStarted("张警官", new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.FromHours(8)));

        await using (var first = store.LightweightSession())
        {
            first.Events.StartStream(streamId, started);
            await first.SaveChangesAsync();
        }
        await using (var second = store.LightweightSession())
        {
            second.Events.StartStream(streamId, started);
            await Assert.ThrowsAnyAsync<Exception>(() => second.SaveChangesAsync());
        }

        Assert.DoesNotContain(log.Entries, e => e.Level >= LogLevel.Error);

        await using (var session = store.LightweightSession())
        {
            session.QueueSqlCommand("update mt_doc_nothing_here set no_such_column = 1");
            await Assert.ThrowsAnyAsync<Exception>(() => session.SaveChangesAsync());
        }

        Assert.Contains(log.Entries, e => e.Level == LogLevel.Error && e.Text.Contains("no_such_column", StringComparison.Ordinal));
    }

    private sealed class CapturedLog : ILoggerProvider
    {
        public ConcurrentQueue<(LogLevel Level, string Category, string Text)> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) =>
            categoryName.StartsWith("Marten", StringComparison.Ordinal) ? new Writer(this, categoryName) : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

        public void Dispose() { }

        private sealed class Writer(CapturedLog log, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                log.Entries.Enqueue((logLevel, category, formatter(state, exception)));
        }
    }
}
