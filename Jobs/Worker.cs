using AntiFraud.Domain.Common;
using AntiFraud.Domain.Regions;
using JasperFx;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace AntiFraud.Jobs;

/// <summary>
/// The jobs on their own: <c>dotnet run --project Jobs</c> with <c>ConnectionStrings__Marten</c> pointing at the database the
/// web nodes use. Workers scale apart from the web nodes; set <c>Jobs__Server=false</c> on the web nodes to leave the work to them.
/// </summary>
public static class Worker
{
    public static async Task<int> Main(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        // The one appsettings.json is copied beside the binaries; environment variables and the command line still override it.
        builder.Configuration.Sources.Insert(0, new JsonConfigurationSource
        {
            Path = "appsettings.json", Optional = false, FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
        });

        var connectionString = builder.Configuration.GetConnectionString("Marten");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            Console.Error.WriteLine("The worker needs the database the web nodes use: set ConnectionStrings__Marten (a PostgreSQL connection string).");
            return 1;
        }

        var schema = builder.Configuration["Marten:Schema"] is { Length: > 0 } s ? s : "antifraud";
        builder.Services.AddNpgsqlDataSource(connectionString);
        builder.Services.AddMarten(options =>
            {
                options.DatabaseSchemaName = schema;
                options.Events.DatabaseSchemaName = schema;
                options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
                options.RegisterDomain();
            })
            .UseNpgsqlDataSource()
            .UseLightweightSessions();
        MartenLogging.Register(builder.Services);
        builder.Services.AddSingleton(_ => RegionCatalog.Shipped);
        builder.Configuration["Jobs:Server"] = "true";
        try
        {
            builder.Services.AddJobs(builder.Configuration, connectionString);
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }

        await builder.Build().RunAsync();
        return 0;
    }
}
