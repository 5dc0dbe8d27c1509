using System.Net;
using System.Text.Json;
using AntiFraud.Dashboard.Tests.Harness;

namespace AntiFraud.Dashboard.Tests.Incidents;

/// <summary>Lower-tier systems discover the ingestion API from its OpenAPI document.</summary>
public sealed class IngestionOpenApiTests(ApiHostFixture host) : IClassFixture<ApiHostFixture>
{
    [Theory]
    [InlineData("/api/v1/incidents", "post")]
    [InlineData("/api/v1/incidents/batch", "post")]
    [InlineData("/api/v1/incidents/{id}/events", "post")]
    [InlineData("/api/v1/incidents/{id}", "get")]
    [InlineData("/api/v1/warnings", "post")]
    [InlineData("/api/v1/warnings/{id}/outcomes", "post")]
    [InlineData("/api/v1/activity", "post")]
    [InlineData("/api/v1/regions/{code}/stats", "get")]
    public async Task The_OpenAPI_document_lists_each_ingestion_endpoint_with_a_summary(string path, string method)
    {
        var response = await host.App.CreateClient().GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.True(document.GetProperty("paths").TryGetProperty(path, out var item), $"{path} is not in the OpenAPI document.");
        Assert.True(item.TryGetProperty(method, out var operation), $"{path} has no {method} operation.");
        Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("summary").GetString()));
    }
}
