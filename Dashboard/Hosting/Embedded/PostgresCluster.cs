using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace AntiFraud.Dashboard.Hosting.Embedded;

/// <summary>
/// A private PostgreSQL cluster in a folder of ours: created on first use, reused afterwards, started and stopped with the app.
/// The test harness uses the same class for its throwaway cluster.
/// </summary>
public sealed class PostgresCluster
{
    private const string OsUser = "postgres";
    private readonly PostgresBinaries _binaries;
    private readonly bool _runAsPostgresUser;

    public PostgresCluster(string dataDirectory, int port = 0, PostgresBinaries? binaries = null)
    {
        DataDirectory = Path.GetFullPath(dataDirectory);
        Port = port;
        _binaries = binaries ?? PostgresBinaries.Locate();
        // PostgreSQL refuses to run as root; as root we hand the cluster to the postgres OS user.
        _runAsPostgresUser = Environment.UserName == "root";
    }

    public string DataDirectory { get; }
    public int Port { get; private set; }
    public bool StartedByUs { get; private set; }
    public string LogFile => Path.Combine(DataDirectory, "server.log");

    public string ConnectionString(string database = "postgres") => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = "postgres",
        Database = database,
        Pooling = true,
        MaxPoolSize = 100,
    }.ConnectionString;

    /// <summary>Initialises the folder if it is new and starts the server unless it already runs (after a crash of the app, say).</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (!File.Exists(Path.Combine(DataDirectory, "PG_VERSION")))
            await InitialiseAsync(cancellationToken);

        if (RunningPort() is { } runningPort)
        {
            Port = runningPort;
            return;
        }

        if (Port == 0) Port = FreeLoopbackPort();
        var options = $"-p {Port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=200";
        var (code, output) = await RunAsync(_binaries.PgCtl,
            ["-D", DataDirectory, "-l", LogFile, "-w", "-t", "60", "-o", options, "start"], cancellationToken);
        if (code != 0)
            throw new StartupException($"The embedded PostgreSQL in '{DataDirectory}' did not start (pg_ctl exit code {code}): {LastLines(output)} See {LogFile}.");
        StartedByUs = true;
    }

    /// <summary>Stops the server quickly and cleanly (open sessions are ended, data is flushed).</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (RunningPort() is null) return;
        await RunAsync(_binaries.PgCtl, ["-D", DataDirectory, "-m", "fast", "-w", "-t", "30", "stop"], cancellationToken);
        StartedByUs = false;
    }

    private async Task InitialiseAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(DataDirectory);
        if (Directory.EnumerateFileSystemEntries(DataDirectory).Any())
            throw new StartupException($"The folder '{DataDirectory}' is not empty but holds no PostgreSQL cluster: empty it or set Embedded:DataDirectory to another folder.");
        if (_runAsPostgresUser)
            await RunAsync("chown", [$"{OsUser}:{OsUser}", DataDirectory], cancellationToken, asPostgres: false);

        var (code, output) = await RunAsync(_binaries.InitDb,
            ["-D", DataDirectory, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"], cancellationToken);
        if (code != 0)
            throw new StartupException($"Could not create the embedded PostgreSQL cluster in '{DataDirectory}' (initdb exit code {code}): {LastLines(output)}");
    }

    /// <summary>The port of a server already running on this folder, from its postmaster.pid, or null.</summary>
    private int? RunningPort()
    {
        var pidFile = Path.Combine(DataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile)) return null;
        string[] lines;
        try { lines = File.ReadAllLines(pidFile); }
        catch (IOException) { return null; }
        if (lines.Length < 4 || !int.TryParse(lines[0], out var pid) || !int.TryParse(lines[3], out var port)) return null;
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited ? null : port;
        }
        catch (ArgumentException)
        {
            return null; // stale file: the server died without cleaning up; pg_ctl start handles it.
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task<(int Code, string Output)> RunAsync(string program, IReadOnlyList<string> arguments,
        CancellationToken cancellationToken, bool asPostgres = true)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        if (asPostgres && _runAsPostgresUser)
        {
            start.FileName = "runuser";
            foreach (var a in new[] { "-u", OsUser, "--", program }) start.ArgumentList.Add(a);
        }
        else
        {
            start.FileName = program;
        }
        foreach (var argument in arguments) start.ArgumentList.Add(argument);

        using var process = Process.Start(start) ?? throw new StartupException($"Could not run {program}.");
        // Read both pipes while the program runs so a chatty one cannot block on a full buffer.
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var output = await stdout + await stderr;
        return (process.ExitCode, output);
    }

    private static string LastLines(string output) =>
        string.Join(" ", output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(3));
}
