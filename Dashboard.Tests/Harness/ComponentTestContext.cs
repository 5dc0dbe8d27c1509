using System.Globalization;
using AntiFraud.Dashboard.Hosting;
using System.Security.Claims;
using AntiFraud.Dashboard.Access;
using AntiFraud.Domain.Access;
using Bunit;
using Bunit.TestDoubles;
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
