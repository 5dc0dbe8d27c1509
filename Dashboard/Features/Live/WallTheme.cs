using AntiFraud.Dashboard.Features.Shell;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.JSInterop;
using MudBlazor;
using MudBlazor.Services;

namespace AntiFraud.Dashboard.Features.Live;

/// <summary>
/// The wall's theme (MudBlazor's CSS variables, dark palette) as markup written once per process. A <see cref="MudThemeProvider"/>
/// in every wall circuit built the same ~26 KB style text on each of its renders and kept two copies (current and previous render
/// tree) plus its own theme copy, about 65 KB per open screen; the wall never switches theme, so one shared string does.
/// </summary>
public static class WallTheme
{
    private static readonly Lazy<MarkupString> Dark = new(() => Task.Run(() => RenderAsync(AppTheme.Theme, isDarkMode: true)).GetAwaiter().GetResult());

    public static MarkupString Style => Dark.Value;

    /// <summary>What <see cref="MudThemeProvider"/> renders for the theme, through a throwaway renderer and container of its own.</summary>
    private static async Task<MarkupString> RenderAsync(MudTheme theme, bool isDarkMode)
    {
        var services = new ServiceCollection().AddLogging().AddMudServices().AddScoped<IJSRuntime, NoJavaScript>().BuildServiceProvider();
        await using (services)
        {
            await using var scope = services.CreateAsyncScope();
            await using var renderer = new HtmlRenderer(scope.ServiceProvider, services.GetRequiredService<ILoggerFactory>());
            var html = await renderer.Dispatcher.InvokeAsync(async () =>
            {
                var output = await renderer.RenderComponentAsync<MudThemeProvider>(ParameterView.FromDictionary(new Dictionary<string, object?>
                {
                    [nameof(MudThemeProvider.Theme)] = theme,
                    [nameof(MudThemeProvider.IsDarkMode)] = isDarkMode,
                }));
                return output.ToHtmlString();
            });
            return new MarkupString(html);
        }
    }

    /// <summary>Static rendering runs no script; the provider's clean-up call on disposal just completes.</summary>
    private sealed class NoJavaScript : IJSRuntime
    {
        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) => ValueTask.FromResult(default(TValue)!);
        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) => ValueTask.FromResult(default(TValue)!);
    }
}
