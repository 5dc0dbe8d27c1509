using System.Globalization;
using AntiFraud.Dashboard.Hosting;
using Bunit;
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
    }

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = _previousCulture;
        await base.DisposeAsync();
    }
}
