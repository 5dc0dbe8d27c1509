using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AntiFraud.Dashboard.Tests.Harness;

/// <summary>
/// The Dashboard as a separate operating-system process on its own port (a node of a scale-out deployment), configured through
/// environment variables as an operator would. Its output is kept for the failure message.
/// </summary>
public sealed class NodeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private NodeProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }
    public string Output { get { lock (_output) return _output.ToString(); } }

    public static async Task<NodeProcess> StartAsync(IDictionary<string, string> settings)
    {
        var port = FreePort();
        var address = new Uri($"http://127.0.0.1:{port}/");
        var start = AppProcess.StartInfo(AppProcess.Dashboard);
        start.Environment["ASPNETCORE_URLS"] = address.ToString().TrimEnd('/');
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__")] = value;

        var node = new NodeProcess(Process.Start(start)!, address);
        node._process.OutputDataReceived += (_, e) => node.Append(e.Data);
        node._process.ErrorDataReceived += (_, e) => node.Append(e.Data);
        node._process.BeginOutputReadLine();
        node._process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(2) };
        await Wait.UntilAsync(async () =>
        {
            if (node._process.HasExited) throw new InvalidOperationException("The node exited: " + node.Output);
            try { return (await http.GetAsync("healthz")).StatusCode == HttpStatusCode.OK; }
            catch (HttpRequestException) { return false; }
            catch (TaskCanceledException) { return false; }
        }, TimeSpan.FromSeconds(60), "The node did not become healthy");
        return node;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    /// <summary>Ends the node at once, like a crash (SIGKILL).</summary>
    public async Task KillAsync()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }
}
