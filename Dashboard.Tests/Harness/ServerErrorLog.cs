using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace AntiFraud.Dashboard.Tests.Harness;

/// <summary>
/// Errors the in-process Dashboard logs, appended to <c>server-errors.log</c> beside the test assembly. A browser test sees
/// only the page's "unexpected error" notice; this file says what the server saw, and <c>.ci/run</c> prints its end when a
/// test fails. Tests that take the database away log errors on purpose, so the file is read next to the failure, not judged.
/// </summary>
public sealed class ServerErrorLog : ILoggerProvider
{
    public static string FilePath { get; } = Path.Combine(AppContext.BaseDirectory, "server-errors.log");
    private static readonly Lock Gate = new();

    static ServerErrorLog()
    {
        lock (Gate) File.WriteAllText(FilePath, "");
    }

    public ILogger CreateLogger(string categoryName) => new Writer(categoryName);

    public void Dispose() { }

    private sealed class Writer(string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            var entry = new StringBuilder()
                .Append(DateTimeOffset.UtcNow.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture)).Append(' ').Append(logLevel).Append(' ').AppendLine(category)
                .Append("  ").AppendLine(formatter(state, exception));
            if (exception is not null) entry.AppendLine(exception.ToString());
            lock (Gate) File.AppendAllText(FilePath, entry.ToString());
        }
    }
}
