using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AntiFraud.Dashboard.Tests.Harness;

namespace AntiFraud.Dashboard.Tests.Regions;

public sealed class RegionsApiTests : IAsyncLifetime
{
    private AppHost _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _app = await AppHost.StartAsync();
        _client = _app.CreateClient();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_region_answers_with_code_name_tier_and_parent_code()
    {
        var region = await _client.GetFromJsonAsync<JsonElement>("/api/v1/regions/440305");

        Assert.Equal("440305", region.GetProperty("code").GetString());
        Assert.Equal("南山区", region.GetProperty("name").GetString());
        Assert.Equal("County", region.GetProperty("tier").GetString());
        Assert.Equal("440300", region.GetProperty("parentCode").GetString());
    }

    [Fact]
    public async Task A_short_province_code_is_normalised_and_the_nation_has_no_parent()
    {
        var guangdong = await _client.GetFromJsonAsync<JsonElement>("/api/v1/regions/44");
        var nation = await _client.GetFromJsonAsync<JsonElement>("/api/v1/regions/000000");

        Assert.Equal("440000", guangdong.GetProperty("code").GetString());
        Assert.Equal("Province", guangdong.GetProperty("tier").GetString());
        Assert.Equal(JsonValueKind.Null, nation.GetProperty("parentCode").ValueKind);
    }

    [Fact]
    public async Task Children_are_listed_with_the_same_fields_ordered_by_code()
    {
        var children = await _client.GetFromJsonAsync<JsonElement[]>("/api/v1/regions/4403/children");

        Assert.NotNull(children);
        Assert.Contains(children, c => c.GetProperty("name").GetString() == "南山区");
        Assert.All(children, c => Assert.Equal("440300", c.GetProperty("parentCode").GetString()));
        var codes = children.Select(c => c.GetProperty("code").GetString()!).ToList();
        Assert.Equal(codes.Order(StringComparer.Ordinal), codes);
    }

    [Theory]
    [InlineData("/api/v1/regions/449999")]
    [InlineData("/api/v1/regions/449999/children")]
    [InlineData("/api/v1/regions/abc")]
    public async Task An_unknown_or_malformed_code_is_a_404_problem(string url)
    {
        var response = await _client.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
        Assert.Equal("Unknown region", problem.GetProperty("title").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
    }
}
