using System.Runtime.CompilerServices;

namespace AntiFraud.Dashboard.Tests.Harness;

/// <summary>Settings for every host the tests start, in this process and in the app processes it launches (they inherit them).</summary>
internal static class TestProcessSettings
{
    /// <summary>
    /// No host watches its configuration files: tests never edit them, and each watcher takes one of the user's inotify instances
    /// (128 on Debian), which a run with many hosts alive, and the processes they start, would otherwise exhaust.
    /// </summary>
    [ModuleInitializer]
    internal static void Apply()
    {
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
        Environment.SetEnvironmentVariable("ASPNETCORE_hostBuilder__reloadConfigOnChange", "false");
    }
}
