using System.Net.Sockets;
using Microsoft.AspNetCore.Diagnostics;
using Npgsql;

namespace AntiFraud.Dashboard.Hosting;

/// <summary>
/// Machine clients never see a stack trace: a database outage is a 503 with Retry-After (the report was not stored; retry it),
/// anything else a bare 500 problem. People's pages go to the error page instead.
/// </summary>
internal sealed class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        // By now the request may have been re-routed to the error page: judge by the path that failed.
        var path = http.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? http.Request.Path.Value ?? "";
        if (!path.StartsWith("/api", StringComparison.OrdinalIgnoreCase)) return false;
        var unavailable = exception is NpgsqlException or SocketException or TimeoutException
            || exception.InnerException is NpgsqlException or SocketException or TimeoutException;
        logger.LogError(exception, "API request {Method} {Path} failed", http.Request.Method, path);
        http.Response.StatusCode = unavailable ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError;
        if (unavailable) http.Response.Headers.RetryAfter = "5";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails =
            {
                Status = http.Response.StatusCode,
                Title = unavailable ? "The database is unavailable" : "The request could not be handled",
                Detail = unavailable ? "Nothing was stored. Retry after the number of seconds in Retry-After." : $"Quote reference {http.TraceIdentifier} to the administrator.",
            },
        });
    }
}
