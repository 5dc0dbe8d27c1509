namespace AntiFraud.Dashboard.Hosting.Embedded;

/// <summary>Finds the PostgreSQL server programs (initdb, pg_ctl) on PATH or in Debian's usual folders.</summary>
public sealed record PostgresBinaries(string InitDb, string PgCtl)
{
    public const string MissingMessage =
        "No PostgreSQL found: install the PostgreSQL server binaries (initdb and pg_ctl on PATH, e.g. 'apt-get install postgresql') " +
        "or set ConnectionStrings:Marten in appsettings.json to an existing PostgreSQL server.";

    public static PostgresBinaries Locate(string? searchPath = null)
    {
        var folders = (searchPath ?? Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(DebianFolders(searchPath is null));
        foreach (var folder in folders)
        {
            var initDb = Path.Combine(folder, "initdb");
            var pgCtl = Path.Combine(folder, "pg_ctl");
            if (File.Exists(initDb) && File.Exists(pgCtl)) return new PostgresBinaries(initDb, pgCtl);
        }
        throw new StartupException(MissingMessage);
    }

    // Debian keeps the server programs off PATH, under /usr/lib/postgresql/<major>/bin; prefer the newest.
    private static IEnumerable<string> DebianFolders(bool include)
    {
        const string root = "/usr/lib/postgresql";
        if (!include || !Directory.Exists(root)) return [];
        return Directory.GetDirectories(root)
            .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var major) ? major : 0)
            .Select(d => Path.Combine(d, "bin"));
    }
}

/// <summary>A start-up problem the operator can fix; its message is printed as is, without a stack trace.</summary>
public sealed class StartupException(string message, Exception? inner = null) : Exception(message, inner);
