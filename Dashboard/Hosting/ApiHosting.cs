using System.Text.Json.Serialization;
using AntiFraud.Dashboard.Api;

namespace AntiFraud.Dashboard.Hosting;

public static class ApiHosting
{
    /// <summary>JSON in camelCase with enums as strings, RFC 7807 problem details for every refusal.</summary>
    public static WebApplicationBuilder AddMachineApi(this WebApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.AddProblemDetails();
        return builder;
    }

    public static WebApplication MapMachineApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1");
        api.MapRegionsApi();
        // Unknown API addresses answer in problem+json too, not with the people's not-found page.
        api.MapFallback(() => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found",
            detail: "There is no API endpoint at this address."));
        return app;
    }
}
