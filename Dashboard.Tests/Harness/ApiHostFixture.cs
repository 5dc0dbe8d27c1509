using System.Collections.Concurrent;

namespace AntiFraud.Dashboard.Tests.Harness;

/// <summary>
/// One test host shared by all the tests of a class (<c>IClassFixture&lt;ApiHostFixture&gt;</c>), with one key per reporting centre.
/// Tests of a class run one after another, so counting the events before and after a request stays exact.
/// </summary>
public sealed class ApiHostFixture : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, Lazy<Task<ReportingCentreClient>>> _centres = new();

    public AppHost App { get; private set; } = null!;

    public async Task InitializeAsync() => App = await AppHost.StartAsync();

    public async Task DisposeAsync() => await App.DisposeAsync();

    /// <summary>The class's key for <paramref name="centre"/>, issued on first use.</summary>
    public Task<ReportingCentreClient> CentreAsync(string centre) =>
        _centres.GetOrAdd(centre, code => new Lazy<Task<ReportingCentreClient>>(() => App.CentreAsync(code, $"centre {code}"))).Value;
}
