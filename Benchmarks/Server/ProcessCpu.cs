using System.Globalization;

namespace AntiFraud.Benchmarks.Server;

/// <summary>
/// CPU time used by the processes of a run, read from <c>/proc</c> (Linux only; zero elsewhere): the Dashboard, PostgreSQL (the
/// postmaster, its live backends and the backends it has already reaped) and this process. CPU time does not depend on how busy
/// the machine is the way wall-clock times do, so it says where the work goes even on a shared box.
/// </summary>
public static class ProcessCpu
{
    // /proc reports times in clock ticks of USER_HZ, which is 100 on Linux.
    private const double TicksPerSecond = 100;

    public readonly record struct Sample(TimeSpan Dashboard, TimeSpan Database, TimeSpan LoadGenerator, TimeSpan TieredCompilation)
    {
        public static Sample operator -(Sample a, Sample b) =>
            new(a.Dashboard - b.Dashboard, a.Database - b.Database, a.LoadGenerator - b.LoadGenerator, a.TieredCompilation - b.TieredCompilation);
    }

    public static Sample Read(DashboardServer server) => new(
        Of(server.ProcessId),
        server.PostmasterId() is { } postmaster ? OfTree(postmaster) : TimeSpan.Zero,
        Environment.ProcessId is var self ? Of(self) : TimeSpan.Zero,
        OfThreads(server.ProcessId, ".NET Tiered Com"));

    /// <summary>User and system time of one process.</summary>
    public static TimeSpan Of(int pid) => pid == 0 ? TimeSpan.Zero : Ticks(Stat($"/proc/{pid}/stat"), children: false);

    /// <summary>A process, its reaped children (PostgreSQL backends that have exited) and its live children.</summary>
    public static TimeSpan OfTree(int pid)
    {
        var total = Ticks(Stat($"/proc/{pid}/stat"), children: true);
        if (!Directory.Exists("/proc")) return total;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var child) || child == pid) continue;
            var fields = Stat(Path.Combine(dir, "stat"));
            // Field 4 (index 1 after the command) is the parent id.
            if (fields is not null && fields.Length > 1 && fields[1] == pid.ToString(CultureInfo.InvariantCulture))
                total += Ticks(fields, children: false);
        }
        return total;
    }

    /// <summary>Every process whose command name starts with <paramref name="prefix"/> (the browser's processes: "chromium", "chrome_...").</summary>
    public static TimeSpan OfCommand(string prefix)
    {
        var total = TimeSpan.Zero;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out _)) continue;
            try
            {
                var text = File.ReadAllText(Path.Combine(dir, "stat"));
                var open = text.IndexOf('(');
                var close = text.LastIndexOf(')');
                if (open < 0 || close < open || !text[(open + 1)..close].StartsWith(prefix, StringComparison.Ordinal)) continue;
                total += Ticks(text[(close + 2)..].Split(' '), children: false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
        return total;
    }

    /// <summary>The threads of a process whose name starts with <paramref name="prefix"/> (names are cut to 15 characters).</summary>
    public static TimeSpan OfThreads(int pid, string prefix)
    {
        var total = TimeSpan.Zero;
        var tasks = $"/proc/{pid}/task";
        if (pid == 0 || !Directory.Exists(tasks)) return total;
        try
        {
            foreach (var dir in Directory.EnumerateDirectories(tasks))
            {
                string text;
                try { text = File.ReadAllText(Path.Combine(dir, "stat")); }
                catch (IOException) { continue; }
                var open = text.IndexOf('(');
                var close = text.LastIndexOf(')');
                if (open < 0 || close < open || !text[(open + 1)..close].StartsWith(prefix, StringComparison.Ordinal)) continue;
                total += Ticks(text[(close + 2)..].Split(' '), children: false);
            }
        }
        catch (DirectoryNotFoundException) { }
        return total;
    }

    /// <summary>The fields after the command name (which may hold spaces), or null.</summary>
    private static string[]? Stat(string path)
    {
        try
        {
            var text = File.ReadAllText(path);
            var close = text.LastIndexOf(')');
            return close < 0 ? null : text[(close + 2)..].Split(' ');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }

    // After the command: state, ppid, ... utime is field 14 of the line, index 11 here; stime 12, cutime 13, cstime 14.
    private static TimeSpan Ticks(string[]? fields, bool children)
    {
        if (fields is null || fields.Length < 15) return TimeSpan.Zero;
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        if (children) ticks += long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }
}
