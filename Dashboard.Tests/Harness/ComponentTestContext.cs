using System.Globalization;
using AntiFraud.Dashboard.Hosting;
using System.Security.Claims;
using AntiFraud.Dashboard.Access;
using AntiFraud.Domain.Access;
using Bunit;
using Bunit.TestDoubles;
using AntiFraud.Domain.Common;
using JasperFx;
using Marten;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor.Services;

namespace AntiFraud.Dashboard.Tests.Harness;

/// <summary>The one bUnit setup: MudBlazor services without transitions, the product's UI text, loose JS interop, a chosen culture.</summary>
public abstract class ComponentTestContext : BunitContext, IAsyncLifetime
{
    private readonly CultureInfo _previousCulture = CultureInfo.CurrentUICulture;

    protected ComponentTestContext(string culture = "zh-CN")
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        Services.AddMudServices(o => o.SnackbarConfiguration.ShowTransitionDuration = 0);
        Services.AddText();
        JSInterop.Mode = JSRuntimeMode.Loose;
        // Components are shown to a signed-in person: the national centre with every role unless a test says otherwise.
        Authorization = AddAuthorization();
        SignInAs(TestUsers.National.Name, TestUsers.National.Region, TestUsers.National.Roles);
        Services.AddScoped<CurrentUser>();
        Services.AddScoped<RegionGate>();
        Services.AddSingleton<Auditor>();
        Services.TryAddSingleton(TimeProvider.System);
        // Screens ask how far the roll-ups are behind; nothing reports here unless a test does.
        Services.TryAddSingleton<AntiFraud.Dashboard.Live.RollUpLag>();
        Services.TryAddSingleton(_ => Domain.Regions.RegionCatalog.Load());
        Services.AddLogging();
    }

    protected BunitAuthorizationContext Authorization { get; }

    /// <summary>
    /// The components' store: a schema of its own (named after <paramref name="name"/>) in the run's PostgreSQL, with the
    /// product's documents and events, empty until the test writes. Made by the container, so disposed with the test.
    /// </summary>
    protected void UseStore(string name)
    {
        var connection = TestDatabase.ConnectionStringAsync().GetAwaiter().GetResult();
        var schema = TestDatabase.NewSchema(name);
        Services.AddSingleton<IDocumentStore>(_ => DocumentStore.For(o =>
        {
            o.Connection(connection);
            o.DatabaseSchemaName = schema;
            o.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
            o.RegisterDomain();
        }));
    }

    /// <summary>A store whose database is out of reach: nothing listens on port 1 of the loopback, so every read fails as when the database is down.</summary>
    protected IDocumentStore UseUnreachableStore()
    {
        var store = DocumentStore.For(o =>
        {
            o.Connection("Host=127.0.0.1;Port=1;Timeout=3;Pooling=false");
            o.DatabaseSchemaName = TestDatabase.NewSchema("unreachable");
        });
        Services.AddSingleton<IDocumentStore>(_ => store);
        return store;
    }

    /// <summary>Who the rendered components are shown to.</summary>
    protected void SignInAs(string name, string region, params AccessRole[] roles)
    {
        Authorization.SetAuthorized(name);
        Authorization.SetRoles([.. roles.Select(r => r.ToString())]);
        Authorization.SetClaims(new Claim(AccessClaims.Jurisdiction, region));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = _previousCulture;
        await base.DisposeAsync();
    }
}
