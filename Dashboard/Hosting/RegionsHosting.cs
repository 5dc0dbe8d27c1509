using AntiFraud.Domain.Regions;

namespace AntiFraud.Dashboard.Hosting;

public static class RegionsHosting
{
    /// <summary>The region catalogue and map outlines, read once from the shipped data and kept in memory.</summary>
    public static WebApplicationBuilder AddRegions(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(_ => RegionCatalog.Shipped);
        builder.Services.AddSingleton<RegionShapes>();
        return builder;
    }
}
