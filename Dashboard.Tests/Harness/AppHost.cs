using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace AntiFraud.Dashboard.Tests.Harness;

/// <summary>
/// The Dashboard as a test host on the run's PostgreSQL, in a schema of its own.
/// <see cref="ServeOnKestrel"/> makes it listen on a real loopback port for browsers and outside clients.
/// </summary>
public class AppHost : WebApplicationFactory<Program>
{
    private readonly string _connectionString;
    private readonly Dictionary<string, string?> _settings;

    private AppHost(string connectionString, IDictionary<string, string?>? settings, string? schema)
    {
        _connectionString = connectionString;
        Schema = schema ?? TestDatabase.NewSchema();
        _settings = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>());
    }

    public string Schema { get; }

    /// <summary>Root URL when served on Kestrel, e.g. http://127.0.0.1:41234/.</summary>
    public Uri? Address { get; private set; }

    /// <param name="schema">An earlier host's schema, to start again on the data it left; a new one by default.</param>
    public static async Task<AppHost> StartAsync(bool kestrel = false, IDictionary<string, string?>? settings = null, string? schema = null)
    {
        var host = new AppHost(await TestDatabase.ConnectionStringAsync(), settings, schema);
        if (kestrel) host.ServeOnKestrel();
        else host.StartServer();
        // Browsers sign in as the national centre unless a test asks for someone else.
        if (kestrel) await TestUsers.CreateAsync(host.Services, TestUsers.National);
        return host;
    }

    private void ServeOnKestrel()
    {
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses;
        Address = new Uri(addresses.First().Replace("[::1]", "127.0.0.1").Replace("localhost", "127.0.0.1") + "/");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureLogging(logging => logging.AddProvider(new ServerErrorLog()));
        builder.UseSetting("ConnectionStrings:Marten", _connectionString);
        builder.UseSetting("Marten:Schema", Schema);
        // Hangfire in a schema of the host's own, and idle unless a test asks for a server or the schedules.
        builder.UseSetting("Jobs:Schema", Schema + "_jobs");
        builder.UseSetting("Jobs:Server", "false");
        builder.UseSetting("Jobs:Schedule", "false");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
    }
}
