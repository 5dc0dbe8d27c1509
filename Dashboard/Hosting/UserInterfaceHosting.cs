using System.Globalization;
using AntiFraud.Dashboard.Components;
using AntiFraud.Dashboard.Localization;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;
using MudBlazor.Services;

namespace AntiFraud.Dashboard.Hosting;

public static class UserInterfaceHosting
{
    public const string ThemeCookie = "afc-theme";

    /// <summary>Interactive Server components, MudBlazor, and UI text in Chinese and English.</summary>
    public static WebApplicationBuilder AddUserInterface(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        // Notices appear bottom right, away from the page's own buttons at the top right.
        builder.Services.AddMudServices(o => o.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomRight);
        builder.Services.AddText();
        return builder;
    }

    /// <summary>The product's UI text behind <see cref="IStringLocalizer{T}"/>; also used by component tests.</summary>
    public static IServiceCollection AddText(this IServiceCollection services)
    {
        services.AddLocalization();
        services.AddSingleton<TextCatalog>();
        services.AddSingleton<IStringLocalizerFactory, TextLocalizerFactory>();
        // After AddMudServices: MudBlazor's own words in Chinese too.
        services.AddTransient<MudBlazor.MudLocalizer, MudText>();
        return services;
    }

    public static WebApplication MapUserInterface(this WebApplication app)
    {
        var cultures = TextCatalog.Cultures.Select(CultureInfo.GetCultureInfo).ToList();
        // Browser language first; an explicit choice (cookie, or ?culture= for kiosk links) overrides it.
        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture("zh-CN"),
            SupportedCultures = cultures,
            SupportedUICultures = cultures,
            FallBackToParentCultures = true,
            FallBackToParentUICultures = true,
        });

        app.MapGet("/culture", (string? name, string? returnUrl, HttpContext http) =>
        {
            if (name is not null && TextCatalog.Cultures.Contains(name))
            {
                http.Response.Cookies.Append(
                    CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(name)),
                    new CookieOptions { MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true, Secure = http.Request.IsHttps });
            }
            return Results.Redirect(IsLocal(returnUrl) ? returnUrl! : "/");
        }).AllowAnonymous().ExcludeFromDescription();

        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }

    // Only same-site paths: an open redirect would let a link send officers anywhere.
    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));
}
