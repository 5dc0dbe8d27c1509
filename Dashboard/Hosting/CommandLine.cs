using System.Globalization;
using AntiFraud.Dashboard.Api;
using AntiFraud.Dashboard.Hosting.Embedded;
using AntiFraud.Dashboard.Simulation;
using AntiFraud.Domain.Access;
using AntiFraud.Domain.Common;
using AntiFraud.Domain.Regions;
using Marten;
using Microsoft.Extensions.Options;

namespace AntiFraud.Dashboard.Hosting;

/// <summary>Administration commands run with the app's own configuration: <c>dotnet run --project Dashboard -- apikey create ...</c>.</summary>
public static class CommandLine
{
    private const string Usage = """
        Usage:
          apikey create --region <code> --name <text>   issue a key for a reporting centre; the key is printed once
          apikey list                                    list keys (id, centre, name, issued, revoked)
          apikey revoke <id>                             revoke a key
          user create --name <n> --role <r>[,<r>] --region <code>
                                                         create a person who signs in; roles: DutyOfficer, Commander, Analyst,
                                                         Administrator; a one-time password is printed once
          backfill [--months <n> | --days <n>]           fill simulated history (default: from the 1st of the
                                                         month 13 months back) and wait for the roll-ups;
                                                         days filled before are skipped, history stops where live reports begin
          projections rebuild                            rebuild every read model from the events (stop the app first)
        """;

    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] is "apikey" or "backfill" or "user" or "projections";

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        var store = app.Services.GetRequiredService<IDocumentStore>();
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        try
        {
            return args[0] switch
            {
                "backfill" => await BackfillCommandAsync(app.Services, args.Skip(1).ToArray()),
                "user" => await UserCommandAsync(app.Services, args.Skip(1).ToArray()),
                "projections" => await ProjectionsCommandAsync(store, args.Skip(1).ToArray()),
                _ => await ApiKeyCommandAsync(app.Services, args.Skip(1).ToArray()),
            };
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
                await services.GetRequiredService<AntiFraud.Dashboard.Access.Auditor>()
                    .RecordAsync(AuditKinds.ApiKeyCreated, "command line", key.Id.ToString(), $"{region.Code} {name.Trim()}", null);
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
                if (await keys.RevokeAsync(id))
                {
                    await services.GetRequiredService<AntiFraud.Dashboard.Access.Auditor>().RecordAsync(AuditKinds.ApiKeyRevoked, "command line", id.ToString(), null, null);
                    Console.WriteLine($"Key {id} revoked.");
                    return 0;
                }
                return Fail($"No live key has id {id}.");
            default:
                return Fail(Usage);
        }
    }

    private static async Task<int> UserCommandAsync(IServiceProvider services, string[] args)
    {
        if (args.FirstOrDefault() != "create") return Fail(Usage);
        if (!AntiFraud.Dashboard.Access.UserAdministration.TryParseRoles(Option(args, "--role"), out var roles, out var badRole))
            return Fail("--role: " + badRole!.Message);

        // The same rules, Identity calls and audit entry as the administrators' page; the command line manages the whole nation.
        await using var scope = services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<AntiFraud.Dashboard.Access.UserAdministration>()
            .CreateAsync(AntiFraud.Dashboard.Access.AdminActor.CommandLine, Option(args, "--name"), Option(args, "--region"), roles);
        if (created.Value is not { } done)
            return Fail(created.Refusal!.Problem switch
            {
                AntiFraud.Dashboard.Access.AdminProblem.NameInvalid or AntiFraud.Dashboard.Access.AdminProblem.NameTaken => "--name: ",
                AntiFraud.Dashboard.Access.AdminProblem.RolesMissing => "--role: ",
                AntiFraud.Dashboard.Access.AdminProblem.RegionInvalid => "--region: ",
                _ => "",
            } + created.Refusal.Message);
        var region = services.GetRequiredService<RegionCatalog>().Get(done.User.Jurisdiction);
        Console.WriteLine($"User {done.User.UserName} for {region.Code} {region.Name} ({string.Join(", ", done.User.Roles)}). One-time password:");
        Console.WriteLine(done.Password);
        Console.WriteLine("Give it to the person now: it is stored only as a hash and cannot be shown again.");
        return 0;
    }

    private static async Task<int> ProjectionsCommandAsync(IDocumentStore store, string[] args)
    {
        if (args is not ["rebuild"]) return Fail(Usage);
        Console.WriteLine("| projection | lifecycle | events in the log | time | events/s |");
        Console.WriteLine("| --- | --- | ---: | ---: | ---: |");
        var rebuilt = await ProjectionRebuild.RunAsync(store, p => Console.WriteLine(
            string.Create(CultureInfo.InvariantCulture, $"| {p.Name} | {p.Lifecycle} | {p.Events:N0} | {p.Took.TotalSeconds:N1} s | {p.EventsPerSecond:N0} |")));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Rebuilt {rebuilt.Count} projections from the events in {rebuilt.Sum(p => p.Took.TotalSeconds):N1} s."));
        return 0;
    }

    private static async Task<int> BackfillCommandAsync(IServiceProvider services, string[] args)
    {
        var options = services.GetRequiredService<IOptions<SimulatorOptions>>().Value;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        BackfillPlan plan;
        if (Option(args, "--days") is { } days)
        {
            if (!int.TryParse(days, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n is < 1 or > 1_100)
                return Fail("--days is a whole number of days from 1 to 1100.");
            plan = BackfillPlan.ForDays(ChinaTime.DayOf(now).AddDays(1 - n), now, options);
        }
        else
        {
            var months = Option(args, "--months") ?? "13";
            if (!int.TryParse(months, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n is < 1 or > 36)
                return Fail("--months is a whole number of months from 1 to 36.");
            plan = BackfillPlan.ForMonths(n, now, options);
        }
        // The roll-ups are the async daemon's work: run it here too (if the app runs, its daemon keeps the lead and does it).
        await using var daemon = await RollUpDaemon.StartAsync(services);
        var result = await services.GetRequiredService<HistoryBackfill>().RunAsync(plan);
        Console.WriteLine(result.DaysFilled == 0
            ? $"Nothing to fill: all {result.DaysPresent} days are there already."
            : string.Create(CultureInfo.InvariantCulture, $"Filled {result.DaysFilled} days ({result.DaysPresent} there already): {result.Incidents:N0} incidents, {result.Warnings:N0} warnings, {result.ActivityReports:N0} counter reports, {result.Events:N0} events in {result.Writing.TotalSeconds:N1} s; roll-ups caught up {result.RollingUp.TotalSeconds:N1} s later ({result.Total.TotalSeconds:N1} s in all)."));
        return 0;
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
