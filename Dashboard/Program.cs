using AntiFraud.Dashboard.Hosting;
using AntiFraud.Dashboard.Hosting.Embedded;

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.Configuration.UseRepositorySettings();
    builder.WebHost.UseStaticWebAssets();
    builder.AddDatabase();
    builder.AddRegions();
    builder.AddMachineApi();
    builder.AddSimulator();
    builder.AddLive();
    builder.AddBackgroundJobs();
    builder.AddUserInterface();
    builder.AddAccess();

    var app = builder.Build();
    if (CommandLine.IsCommand(args)) return await CommandLine.RunAsync(app, args);

    app.UseExceptionHandler("/error", createScopeForErrors: true);
    // API refusals always carry a problem+json body (unknown API addresses too, through the API's fallback), so this only ever
    // dresses people's pages.
    app.UseStatusCodePagesWithReExecute("/not-found");
    app.UseAccess();
    app.UseAntiforgery();
    app.MapHealth();
    app.MapMachineApi();
    app.MapLive();
    app.MapBackgroundJobs();
    app.MapBriefings();
    app.MapAccess();
    app.MapUserInterface();
    app.Run();
    return 0;
}
catch (StartupException e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}

/// <summary>Entry point, visible to the test host.</summary>
public partial class Program;
