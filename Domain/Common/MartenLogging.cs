using Marten;
using Marten.Services;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AntiFraud.Domain.Common;

/// <summary>
/// Marten's command log with the ledger's expected conflicts kept out of the error log. Two reports of the same incident sent at
/// once, a group commit that meets a stream stored in the meantime and a later step appended at a stale version all fail with
/// a version conflict that the ledger answers by design (200 or 409 from what is stored); Marten's own logger wrote each as an
/// error with its SQL and stack, so an operator reading the log at night saw hundreds of errors a day that were not errors. Those
/// are now written at Debug; every other failure is still an error with its SQL. Every process that writes to the store (web
/// nodes and job workers) logs through it.
/// </summary>
public sealed class MartenLogging(ILogger<IDocumentStore> logger) : IMartenLogger, IMartenSessionLogger
{
    /// <summary>Makes the store registered in <paramref name="services"/> log through this logger.</summary>
    public static IServiceCollection Register(IServiceCollection services) =>
        services.ConfigureMarten((provider, options) => options.Logger(new MartenLogging(provider.GetRequiredService<ILogger<IDocumentStore>>())));

    public IMartenSessionLogger StartSession(IQuerySession session) => this;

    public void SchemaChange(string sql) => logger.LogInformation("Executed schema update SQL:\n{Sql}", sql);

    public void LogSuccess(NpgsqlCommand command)
    {
        if (logger.IsEnabled(LogLevel.Debug)) logger.LogDebug("{Sql}", command.CommandText);
    }

    public void LogSuccess(NpgsqlBatch batch)
    {
        if (logger.IsEnabled(LogLevel.Debug)) logger.LogDebug("{Sql}", Sql(batch));
    }

    public void LogFailure(NpgsqlCommand command, Exception ex) => Failure(ex, command.CommandText);

    public void LogFailure(NpgsqlBatch batch, Exception ex) => Failure(ex, Sql(batch));

    private static string Sql(NpgsqlBatch batch) => string.Join(";\n", batch.BatchCommands.Cast<NpgsqlBatchCommand>().Select(c => c.CommandText));

    public void LogFailure(Exception ex, string message) => Failure(ex, message);

    public void RecordSavedChanges(IDocumentSession session, IChangeSet commit)
    {
    }

    public void OnBeforeExecute(NpgsqlCommand command)
    {
    }

    public void OnBeforeExecute(NpgsqlBatch batch)
    {
    }

    private void Failure(Exception ex, string sql)
    {
        if (IsExpectedConflict(ex)) logger.LogDebug("Version conflict the ledger answers from what is stored: {Reason}", Reason(ex));
        else logger.LogError(ex, "Marten encountered an exception executing\n{Sql}", sql);
    }

    /// <summary>
    /// A stream appended at a version it no longer has (Marten's <c>MT003</c>), or an event or stream that another transaction
    /// stored first (the unique keys of Marten's event and stream tables).
    /// </summary>
    public static bool IsExpectedConflict(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
            if (e is PostgresException { SqlState: "MT003" } or PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "pk_mt_events_stream_and_version" or "pkey_mt_streams_id" })
                return true;
        return false;
    }

    private static string Reason(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
            if (e is PostgresException p) return p.MessageText;
        return ex.Message;
    }
}
