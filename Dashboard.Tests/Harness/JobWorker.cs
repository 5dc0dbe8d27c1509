using System.Diagnostics;
using System.Text;
using Npgsql;

namespace AntiFraud.Dashboard.Tests.Harness;

/// <summary>
/// The jobs worker (<c>AntiFraud.Jobs.dll</c>) as a real process on a test host's schema, its Hangfire server on and the recurring
/// schedules off, so it works only what the test puts in the queue. Its database sessions carry <see cref="ApplicationName"/>,
/// so a test can see in <c>pg_stat_activity</c> and <c>pg_locks</c> what this worker is doing.
/// </summary>
public sealed class JobWorker : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private JobWorker(Process process, string applicationName)
    {
        _process = process;
        ApplicationName = applicationName;
        _process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string ApplicationName { get; }
    public int ProcessId => _process.Id;
    public bool HasExited => _process.HasExited;

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public static JobWorker Start(string schema, string connectionString, string applicationName)
    {
        var start = AppProcess.StartInfo(AppProcess.Jobs);
        start.Environment["DOTNET_ENVIRONMENT"] = "Testing";
        start.Environment["ConnectionStrings__Marten"] =
            new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = applicationName }.ConnectionString;
        start.Environment["Marten__Schema"] = schema;
        start.Environment["Jobs__Schema"] = schema + "_jobs";
        start.Environment["Jobs__Schedule"] = "false";
        return new JobWorker(Process.Start(start)!, applicationName);
    }

    /// <summary>SIGKILL: no shutdown code runs, open transactions are left for PostgreSQL to roll back.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }
}
