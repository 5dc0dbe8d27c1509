using System.Diagnostics;

namespace AntiFraud.Dashboard.Tests.Harness;

/// <summary>How tests start one of the product's programs as a real process: from the test output, output captured.</summary>
public static class AppProcess
{
    public const string Dashboard = "AntiFraud.Dashboard.dll";
    public const string Jobs = "AntiFraud.Jobs.dll";

    public static ProcessStartInfo StartInfo(string assembly, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, assembly));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        return start;
    }
}
