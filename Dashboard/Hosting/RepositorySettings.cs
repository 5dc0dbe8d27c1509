using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace AntiFraud.Dashboard.Hosting;

public static class RepositorySettings
{
    /// <summary>
    /// The one appsettings.json lives at the repository root and is copied beside the binaries;
    /// read that copy wherever the content root is (project folder under 'dotnet run', test folder under tests).
    /// Environment-specific files, environment variables and the command line still override it.
    /// </summary>
    public static ConfigurationManager UseRepositorySettings(this ConfigurationManager configuration)
    {
        var sources = configuration.Sources;
        for (var i = 0; i < sources.Count; i++)
        {
            if (sources[i] is JsonConfigurationSource { Path: "appsettings.json" } json)
            {
                sources[i] = new JsonConfigurationSource
                {
                    Path = "appsettings.json",
                    Optional = false,
                    ReloadOnChange = json.ReloadOnChange,
                    FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
                };
                break;
            }
        }
        return configuration;
    }

    /// <summary>The repository root (the folder holding the solution file), else the content root; relative data paths hang off it.</summary>
    public static string RootFolder(string contentRoot)
    {
        for (var dir = new DirectoryInfo(contentRoot); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "AntiFraudCenter.sln"))) return dir.FullName;
        return contentRoot;
    }
}
