using AntiFraud.Dashboard.Hosting.Embedded;

namespace AntiFraud.Dashboard.Tests.Harness;

/// <summary>
/// One throwaway PostgreSQL cluster for the whole test run: a temporary folder and a free port,
/// started on first use, stopped and deleted when the run ends. Every test host gets its own schema.
/// </summary>
public static class TestDatabase
{
    private static readonly Lazy<Task<PostgresCluster>> Cluster = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);
    private static int _schemaCounter;

    public static async Task<string> ConnectionStringAsync() => (await Cluster.Value).ConnectionString();

    /// <summary>A schema name no other host of this run uses.</summary>
    public static string NewSchema(string prefix = "t") =>
        $"{prefix}_{Environment.ProcessId}_{Interlocked.Increment(ref _schemaCounter)}";

    private static async Task<PostgresCluster> StartAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"antifraud-test-{Environment.ProcessId}-{Guid.NewGuid():N}");
        var cluster = new PostgresCluster(Path.Combine(folder, "data"));
        await cluster.StartAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            cluster.StopAsync().GetAwaiter().GetResult();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        };
        return cluster;
    }
}
