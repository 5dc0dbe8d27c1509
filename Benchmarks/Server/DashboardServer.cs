using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using AntiFraud.Dashboard.Hosting.Embedded;
using Npgsql;

namespace AntiFraud.Benchmarks.Server;

/// <summary>
/// A throwaway PostgreSQL cluster in a temporary folder and the Dashboard started on it as a separate process on real Kestrel,
/// configured through environment variables as an operator would (simulator off), with one API key for the whole nation.
/// Disposing kills the process, stops the cluster and deletes the folder; the same happens if the benchmark process exits.
/// </summary>
public sealed class DashboardServer : IAsyncDisposable
{
    public const string Schema = "bench";
    private readonly string _folder;
    private readonly PostgresCluster _cluster;
    private readonly StringBuilder _output = new();
    private Process? _process;
    private int _disposed;

    private DashboardServer(string folder)
    {
        _folder = folder;
        _cluster = new PostgresCluster(Path.Combine(folder, "data"));
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
        // Ctrl+C or a termination signal: clean up before the process goes.
        _signals = [PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal), PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal)];
    }

    private readonly PosixSignalRegistration[] _signals;

    private void OnSignal(PosixSignalContext context)
    {
        DisposeAsync().AsTask().GetAwaiter().GetResult();
        Environment.Exit(130);
    }

    public Uri Address { get; private set; } = null!;
    public string ApiKey { get; private set; } = "";
    public string ConnectionString => _cluster.ConnectionString();
    public int ProcessId => _process?.Id ?? 0;

    /// <summary>A fresh cluster, an API key and (unless <paramref name="app"/> is false) the Dashboard serving on a free port.</summary>
    public static async Task<DashboardServer> StartAsync(bool app = true)
    {
        var server = new DashboardServer(Path.Combine(Path.GetTempPath(), $"antifraud-bench-{Environment.ProcessId}-{Guid.NewGuid():N}"));
        try
        {
            await server._cluster.StartAsync();
            server.Address = new Uri($"http://127.0.0.1:{FreePort()}/");
            server.ApiKey = await server.CreateKeyAsync();
            if (app) await server.StartAppAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>The PostgreSQL postmaster's process id (its backends are its children), or null when it cannot be read.</summary>
    public int? PostmasterId()
    {
        try
        {
            var first = File.ReadLines(Path.Combine(_cluster.DataDirectory, "postmaster.pid")).FirstOrDefault();
            return int.TryParse(first, NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }

    /// <summary>The Dashboard process's resident set (VmRSS), in bytes.</summary>
    public long ResidentBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{ProcessId}/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
        return 0;
    }

    public HttpClient CreateClient(int connections = 64)
    {
        var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = Address,
            Timeout = TimeSpan.FromSeconds(60),
        };
        http.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        return http;
    }

    public async Task<NpgsqlConnection> OpenDatabaseAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private ProcessStartInfo Dashboard(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "AntiFraud.Dashboard.dll"));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["ConnectionStrings__Marten"] = ConnectionString;
        start.Environment["Marten__Schema"] = Schema;
        start.Environment["ASPNETCORE_URLS"] = Address.ToString().TrimEnd('/');
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["Simulator__Enabled"] = "false";
        // Periodic jobs would compete with what is being measured; suites run the jobs they measure themselves.
        start.Environment["Jobs__Server"] = "false";
        start.Environment["Jobs__Schedule"] = "false";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        // The suites measure how much the server can take with one key: the per-key rate limit (5,000 requests a second by
        // default) would answer the excess with 429s and measure the limiter instead.
        start.Environment["Api__RequestsPerSecondPerKey"] = "1000000";
        return start;
    }

    /// <summary>Runs one of the Dashboard's commands (<c>backfill --months 13</c>, say) with the server's settings and returns what it printed.</summary>
    public async Task<string> RunCommandAsync(TimeSpan timeout, params string[] arguments)
    {
        using var process = Process.Start(Dashboard(arguments))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(timeout);
        try { await process.WaitForExitAsync(limit.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{string.Join(' ', arguments)}' did not finish within {timeout.TotalMinutes:0} minutes.");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"'{string.Join(' ', arguments)}' failed (exit code {process.ExitCode}): {await stdout} {await stderr}");
        return await stdout;
    }

    private async Task<string> CreateKeyAsync()
    {
        using var process = Process.Start(Dashboard("apikey", "create", "--region", "000000", "--name", "bench"))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try { await process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException("apikey create did not finish within 2 minutes.");
        }
        var output = await stdout;
        var key = output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("afc_", StringComparison.Ordinal));
        return key ?? throw new InvalidOperationException($"apikey create printed no key (exit code {process.ExitCode}): {output} {await stderr}");
    }

    private async Task StartAppAsync()
    {
        _process = Process.Start(Dashboard())!;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException("The Dashboard exited: " + Output);
            try
            {
                if ((await http.GetAsync("healthz")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The Dashboard did not become healthy in 2 minutes: " + Output);
            await Task.Delay(200);
        }
    }

    private string Output { get { lock (_output) return _output.ToString(); } }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) if (_output.Length < 100_000) _output.AppendLine(line);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void OnProcessExit(object? sender, EventArgs e) => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        foreach (var signal in _signals) signal.Dispose();
        if (_process is not null)
        {
            try
            {
                if (!_process.HasExited)
                {
                    _process.Kill(entireProcessTree: true);
                    await _process.WaitForExitAsync();
                }
            }
            catch (InvalidOperationException) { }
            _process.Dispose();
        }
        NpgsqlConnection.ClearAllPools();
        try { await _cluster.StopAsync(); }
        catch (Exception e) when (e is IOException or InvalidOperationException or System.ComponentModel.Win32Exception) { }
        try { Directory.Delete(_folder, recursive: true); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }
}

/// <summary>Percentiles of a list of durations in milliseconds.</summary>
public static class Percentiles
{
    public static double Of(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    public static string Ms(double ms) => double.IsNaN(ms) ? "—" : ms switch
    {
        >= 100 => ms.ToString("N0", CultureInfo.InvariantCulture) + " ms",
        >= 10 => ms.ToString("0.0", CultureInfo.InvariantCulture) + " ms",
        _ => ms.ToString("0.00", CultureInfo.InvariantCulture) + " ms",
    };
}
