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

    /// <summary>
    /// Runs the Dashboard (the app, or one of its commands) to its end with <paramref name="settings"/> as environment variables
    /// (<c>Section:Key</c> written <c>Section__Key</c>), in the Testing environment; its exit code and what it wrote.
    /// </summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunDashboardAsync(IDictionary<string, string> settings, params string[] arguments)
    {
        var start = StartInfo(Dashboard, arguments);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__")] = value;
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return (process.ExitCode, await output, await error);
    }

    /// <summary>Runs one of the Dashboard's commands with <paramref name="settings"/> as environment variables; fails the test unless it exits 0.</summary>
    public static async Task<string> RunDashboardCommandAsync(IDictionary<string, string> settings, params string[] arguments)
    {
        var (exitCode, output, error) = await RunDashboardAsync(settings, arguments);
        Assert.True(exitCode == 0, output + error);
        return output;
    }

    /// <summary>A new API key for <paramref name="region"/>, issued with the app's own command.</summary>
    public static async Task<string> CreateApiKeyAsync(IDictionary<string, string> settings, string region, string name = "test centre")
    {
        var output = await RunDashboardCommandAsync(settings, "apikey", "create", "--region", region, "--name", name);
        return output.Split('\n').Single(l => l.StartsWith("afc_", StringComparison.Ordinal)).Trim();
    }

    /// <summary>A duty officer for <paramref name="region"/>, created with the app's own command (it prints the one-time password on the line after the user).</summary>
    public static async Task<TestUser> CreateOfficerAsync(IDictionary<string, string> settings, string name, string region)
    {
        var output = (await RunDashboardCommandAsync(settings, "user", "create", "--name", name, "--role", "DutyOfficer", "--region", region)).Split('\n');
        var password = output[Array.FindIndex(output, l => l.StartsWith($"User {name} ", StringComparison.Ordinal)) + 1].Trim();
        return new TestUser(name, password, region, [Domain.Access.AccessRole.DutyOfficer]);
    }
}
