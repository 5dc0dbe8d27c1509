using System.Diagnostics;
using System.Reflection;
using System.Runtime;
using System.Runtime.InteropServices;

namespace AntiFraud.Benchmarks.Harness;

/// <summary>The header line naming the machine a run was made on, so pasted tables say where they come from.</summary>
public static class MachineInfo
{
    public static string Describe()
    {
        var gc = GCSettings.IsServerGC ? "server GC" : "workstation GC";
        var build = IsOptimized(typeof(AntiFraud.Domain.Regions.RegionCatalog).Assembly) && IsOptimized(typeof(MachineInfo).Assembly)
            ? "Release build"
            : "**Debug build: figures are not representative, run with `-c Release`**";
        return $"> Machine: {Environment.ProcessorCount} logical processors · {CpuModel() ?? RuntimeInformation.ProcessArchitecture.ToString()} · " +
               $"{RuntimeInformation.OSDescription} · {RuntimeInformation.FrameworkDescription} ({RuntimeInformation.ProcessArchitecture}, {gc}) · {build} · " +
               $"{DateTime.UtcNow:yyyy-MM-dd} UTC" + (LoadAverage() is { } load ? $" · load average at start {load}" : "");
    }

    // Other work on the machine shows up in the tails (p95): the load average says how busy it was.
    private static string? LoadAverage()
    {
        const string loadAverage = "/proc/loadavg";
        return File.Exists(loadAverage) ? string.Join(" / ", File.ReadAllText(loadAverage).Split(' ').Take(3)) : null;
    }

    private static string? CpuModel()
    {
        const string cpuInfo = "/proc/cpuinfo";
        if (!File.Exists(cpuInfo)) return null;
        return File.ReadLines(cpuInfo)
            .Where(l => l.StartsWith("model name", StringComparison.Ordinal))
            .Select(l => l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim())
            .FirstOrDefault();
    }

    private static bool IsOptimized(Assembly assembly) =>
        assembly.GetCustomAttribute<DebuggableAttribute>() is not { IsJITOptimizerDisabled: true };
}
