using System.Net.Sockets;
using Npgsql;

namespace AntiFraud.Dashboard.Features.Regions;

/// <summary>
/// Tells a database that cannot be reached or does not answer in time (shown to the user as a message) from a bug such as a
/// malformed query (left to the error page, so it gets fixed rather than hidden).
/// </summary>
public static class DatabaseTrouble
{
    public static bool IsUnavailable(Exception error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                // SQLSTATE class 08: connection exception; 57P0x: the server is shutting down or starting; 53300: too many connections.
                case PostgresException pg:
                    return pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState.StartsWith("57P", StringComparison.Ordinal)
                        || pg.SqlState == PostgresErrorCodes.TooManyConnections;
                case NpgsqlException or SocketException or TimeoutException:
                    return true;
                case AggregateException aggregate when aggregate.InnerExceptions.Any(IsUnavailable):
                    return true;
            }
        }
        return false;
    }
}
