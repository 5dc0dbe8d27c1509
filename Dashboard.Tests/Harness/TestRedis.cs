using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace AntiFraud.Dashboard.Tests.Harness;

/// <summary>A real redis-server on a free loopback port for scale-out tests (Debian's redis-server; .ci/run installs it).</summary>
public sealed class TestRedis : IAsyncDisposable
{
    private Process? _process;

    public int Port { get; private set; }
    public string ConnectionString => $"127.0.0.1:{Port},abortConnect=false,connectTimeout=2000,syncTimeout=2000";

    public static async Task<TestRedis> StartAsync(int port = 0)
    {
        var redis = new TestRedis { Port = port == 0 ? FreePort() : port };
        await redis.RestartAsync();
        return redis;
    }

    /// <summary>Starts the server (again, on the same port after <see cref="StopAsync"/>).</summary>
    public async Task RestartAsync()
    {
        const string server = "/usr/bin/redis-server";
        if (!File.Exists(server)) throw new InvalidOperationException("Scale-out tests need Debian's redis-server: apt-get install -y redis-server (.ci/run does this).");
        var start = new ProcessStartInfo(server) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "no" })
            start.ArgumentList.Add(a);
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await Wait.UntilAsync(IsListening, TimeSpan.FromSeconds(10), "redis-server did not start listening");
    }

    public async Task StopAsync()
    {
        if (_process is null) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    private bool IsListening()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
