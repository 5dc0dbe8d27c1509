using AntiFraud.Dashboard.Api;
using AntiFraud.Dashboard.Hosting.Embedded;
using AntiFraud.Domain.Regions;
using Marten;

namespace AntiFraud.Dashboard.Hosting;

/// <summary>Administration commands run with the app's own configuration: <c>dotnet run --project Dashboard -- apikey create ...</c>.</summary>
public static class CommandLine
{
    private const string Usage = """
        Usage:
          apikey create --region <code> --name <text>   issue a key for a reporting centre; the key is printed once
          apikey list                                    list keys (id, centre, name, issued, revoked)
          apikey revoke <id>                             revoke a key
        """;

    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] == "apikey";

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        var store = app.Services.GetRequiredService<IDocumentStore>();
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        try
        {
            return await ApiKeyCommandAsync(app.Services, args.Skip(1).ToArray());
        }
        finally
        {
            // Leave a cluster the running app uses alone; stop one this command had to start.
            if (app.Services.GetService<PostgresCluster>() is { StartedByUs: true } cluster) await cluster.StopAsync();
        }
    }

    private static async Task<int> ApiKeyCommandAsync(IServiceProvider services, string[] args)
    {
        var keys = services.GetRequiredService<ApiKeyStore>();
        switch (args.FirstOrDefault())
        {
            case "create":
                var catalog = services.GetRequiredService<RegionCatalog>();
                if (!catalog.TryResolve(Option(args, "--region"), out var region, out var error))
                    return Fail(error);
                var name = Option(args, "--name");
                if (string.IsNullOrWhiteSpace(name) || name.Length > 100) return Fail("--name is required (at most 100 characters).");
                var (key, secret) = await keys.CreateAsync(region.Code, name.Trim());
                Console.WriteLine($"Key {key.Id} for {region.Code} {region.Name} ({name.Trim()}):");
                Console.WriteLine(secret);
                Console.WriteLine("Keep it now: it is stored only as a hash and cannot be shown again. Send it in the X-Api-Key header.");
                return 0;
            case "list":
                var all = await keys.ListAsync();
                if (all.Count == 0) Console.WriteLine("No API keys yet.");
                foreach (var k in all)
                    Console.WriteLine($"{k.Id}  {k.Centre}  {k.Name}  issued {k.IssuedAt:yyyy-MM-dd HH:mm}Z{(k.RevokedAt is { } r ? $"  revoked {r:yyyy-MM-dd HH:mm}Z" : "")}");
                return 0;
            case "revoke" when args.Length > 1 && Guid.TryParse(args[1], out var id):
                if (await keys.RevokeAsync(id)) { Console.WriteLine($"Key {id} revoked."); return 0; }
                return Fail($"No live key has id {id}.");
            default:
                return Fail(Usage);
        }
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 2;
    }
}
