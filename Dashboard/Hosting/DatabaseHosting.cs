using System.ComponentModel.DataAnnotations;
using AntiFraud.Dashboard.Hosting.Embedded;
using AntiFraud.Dashboard.Api;
using AntiFraud.Domain.Common;
using JasperFx;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace AntiFraud.Dashboard.Hosting;

/// <summary>Settings of the embedded PostgreSQL used when no connection string is configured.</summary>
public sealed class EmbeddedDatabaseOptions
{
    public const string Section = "Embedded";

    /// <summary>Cluster folder; relative paths are taken from the repository root.</summary>
    [Required] public string DataDirectory { get; set; } = ".data/postgres";

    /// <summary>Loopback port; 0 picks a free one.</summary>
    [Range(0, 65535)] public int Port { get; set; }
}

public sealed class MartenStoreOptions
{
    public const string Section = "Marten";

    /// <summary>PostgreSQL schema holding the event store and documents.</summary>
    [Required, RegularExpression("^[a-z_][a-z0-9_]{0,62}$", ErrorMessage = "Marten:Schema must be a lower-case PostgreSQL identifier.")]
    public string Schema { get; set; } = "antifraud";
}

public static class DatabaseHosting
{
    /// <summary>PostgreSQL (configured or embedded), one shared connection pool, the Marten store and a health check.</summary>
    public static WebApplicationBuilder AddDatabase(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("Marten");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            connectionString = builder.StartEmbeddedPostgres();
            // Everything else that needs the database (Hangfire) reads the one it was given.
            builder.Configuration["ConnectionStrings:Marten"] = connectionString;
        }

        var martenOptions = builder.Configuration.GetSection(MartenStoreOptions.Section).Get<MartenStoreOptions>() ?? new();
        Validate(martenOptions);
        builder.Services.AddOptions<MartenStoreOptions>().BindConfiguration(MartenStoreOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        builder.Services.AddNpgsqlDataSource(WithAutoPrepare(connectionString));
        builder.Services.AddMarten(options =>
            {
                options.DatabaseSchemaName = martenOptions.Schema;
                options.Events.DatabaseSchemaName = martenOptions.Schema;
                options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
                options.RegisterProjections();
                // The roll-up daemon polls for new events rather than being woken by a NOTIFY from every commit. PostgreSQL holds one
                // global lock from a notifying transaction's commit until its WAL flush, so a NOTIFY per report serialised all
                // commits; and a daemon woken per commit re-wrote the day roll-ups for every few events. Polling every 250 ms, busy
                // or idle, keeps the roll-ups well within their 2-second lag budget (docs/benchmarks.md, "Ingestion").
                options.Events.UseListenNotifyForEventAppends = false;
                options.Projections.FastPollingTime = TimeSpan.FromMilliseconds(250);
                options.Projections.SlowPollingTime = TimeSpan.FromMilliseconds(250);
            })
            .UseNpgsqlDataSource()
            .UseLightweightSessions()
            .AddAsyncDaemon(DaemonMode.HotCold)
            .ApplyAllDatabaseChangesOnStartup();
        MartenLogging.Register(builder.Services);

        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return builder;
    }

    /// <summary>
    /// Npgsql prepares the statements it sees repeatedly (Marten's append and upsert commands), unless the connection string says
    /// otherwise (<c>Max Auto Prepare=0</c>, e.g. behind a connection pooler that cannot keep prepared statements). A pooled
    /// connection that holds prepared statements is still reset when it returns to the pool (settings, LISTEN, advisory locks,
    /// temporary tables), but without <c>DISCARD ALL</c>, which would also have thrown away every query plan PostgreSQL had cached
    /// for that connection, those of Marten's PL/pgSQL append function included: each report paid for parsing and planning again.
    /// </summary>
    public static string WithAutoPrepare(string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        if (given.ContainsKey("Max Auto Prepare") || given.ContainsKey("MaxAutoPrepare")) return connectionString;
        return new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 64 }.ConnectionString;
    }

    /// <summary>
    /// The domain's projections (shared with job workers), and what only web nodes write: the API keys and the key ring that
    /// protects sign-in cookies.
    /// </summary>
    private static void RegisterProjections(this StoreOptions options)
    {
        options.RegisterDomain();
        options.Projections.Add<ApiKeyProjection>(ProjectionLifecycle.Inline);
        options.Schema.For<ApiKey>().Index(x => x.SecretHash);
        options.Schema.For<Access.KeyRingElement>();
    }

    private static string StartEmbeddedPostgres(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(EmbeddedDatabaseOptions.Section).Get<EmbeddedDatabaseOptions>() ?? new();
        Validate(options);
        var folder = Path.IsPathRooted(options.DataDirectory)
            ? options.DataDirectory
            : Path.Combine(RepositorySettings.RootFolder(builder.Environment.ContentRootPath), options.DataDirectory);

        var cluster = new PostgresCluster(folder, options.Port);
        cluster.StartAsync().GetAwaiter().GetResult();
        builder.Services.AddSingleton(cluster);
        // Registered before everything else so it stops last, after the store has finished its work.
        builder.Services.Insert(0, ServiceDescriptor.Singleton<IHostedService, EmbeddedPostgresLifetime>());
        return cluster.ConnectionString();
    }

    private static void Validate(object options)
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
            throw new StartupException("Invalid setting: " + string.Join(" ", results.Select(r => r.ErrorMessage)));
    }
}

/// <summary>Stops the embedded cluster when the app stops (Ctrl+C included).</summary>
internal sealed class EmbeddedPostgresLifetime(PostgresCluster cluster, ILogger<EmbeddedPostgresLifetime> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        logger.LogInformation("Embedded PostgreSQL in {Folder} on 127.0.0.1:{Port}", cluster.DataDirectory, cluster.Port);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await cluster.StopAsync(CancellationToken.None);
        logger.LogInformation("Embedded PostgreSQL stopped");
    }
}

internal sealed class DatabaseHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = dataSource.CreateCommand("select 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy("PostgreSQL answers.");
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL does not answer.");
        }
    }
}
