using System.Threading.RateLimiting;
using AntiFraud.Dashboard.Access;
using AntiFraud.Domain.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;

namespace AntiFraud.Dashboard.Hosting;

/// <summary>
/// Who is who: people sign in with ASP.NET Core Identity (hashing, lockout, security stamps) against accounts kept in the
/// product's PostgreSQL; machines on the live hub present their API key. Every endpoint needs one of them unless it says
/// otherwise (deny by default); each person has one jurisdiction and some roles.
/// </summary>
public static class AccessHosting
{
    public const string SignInPath = "/account/signin";
    public const string SignInRateLimit = "sign-in";

    public static WebApplicationBuilder AddAccess(this WebApplicationBuilder builder)
    {
        builder.Services.AddIdentityCore<UserAccount>(o =>
            {
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.Password.RequiredLength = 10;
            })
            .AddUserStore<MartenUserStore>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<UserAccountClaimsFactory>();

        var authentication = builder.Services.AddAuthentication(o =>
            {
                o.DefaultScheme = IdentityConstants.ApplicationScheme;
                o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        authentication.AddIdentityCookies();
        // Optional: a centre's own identity provider (configuration only).
        ExternalSignIn.Add(builder, authentication);
        builder.Services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = SignInPath;
            o.AccessDeniedPath = "/account/denied";
            o.Cookie.Name = "afc-auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            o.SlidingExpiration = true;
            // Machines get status codes, not a sign-in page.
            o.Events.OnRedirectToLogin = context => Answer(context, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => Answer(context, StatusCodes.Status403Forbidden);
        });
        builder.Services.AddAuthorization(o => AccessPolicies.Add(o, [IdentityConstants.ApplicationScheme, ApiKeyAuthentication.SchemeName]));
        builder.Services.AddCascadingAuthenticationState();
        // Cookies and antiforgery tokens are protected with keys every node reads from the database.
        SharedKeyRing.Add(builder.Services, builder.Configuration);
        // A changed account (password reset, roles, jurisdiction, lockout) ends sign-ins within a minute, on pages and open screens.
        builder.Services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, AccountRevalidation>();
        builder.Services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = AccountRevalidation.IntervalFrom(builder.Configuration));
        builder.Services.AddSingleton<Auditor>();
        builder.Services.AddScoped<CurrentUser>();
        builder.Services.AddScoped<RegionGate>();
        // The administrators' pages and the command line share these rules (Identity's user manager is scoped).
        builder.Services.AddScoped<UserAdministration>();
        // Demo users on the embedded default (someone trying the product), never on a configured database unless asked for.
        var demo = builder.Configuration["Access:DemoUsers"] is { Length: > 0 } setting && setting != "auto"
            ? string.Equals(setting, "true", StringComparison.OrdinalIgnoreCase)
            : builder.Services.Any(d => d.ServiceType == typeof(Embedded.PostgresCluster));
        builder.Services.AddSingleton(new DemoUsers(demo));
        builder.Services.AddHostedService<DemoUsersSeeder>();
        // Guessing passwords is slowed per address on top of the per-account lockout.
        builder.Services.Configure<RateLimiterOptions>(o => o.AddPolicy(SignInRateLimit, http =>
            HttpMethods.IsPost(http.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = 30, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("page")));
        return builder;
    }

    private static Task Answer(RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/api") || path.StartsWithSegments("/hubs") || path.StartsWithSegments("/hangfire") ||
            path.Value?.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase) == true)
        {
            // The status is the answer: the people's error pages must not re-execute it into a sign-in redirect.
            if (context.HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } pages) pages.Enabled = false;
            if (!path.StartsWithSegments("/api") && path.Value?.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase) != true)
            {
                context.Response.StatusCode = status;
                return Task.CompletedTask;
            }
            // Machines get RFC 7807, like every other refusal of the API.
            return Results.Problem(statusCode: status,
                title: status == StatusCodes.Status401Unauthorized ? "Not signed in" : "Forbidden",
                detail: status == StatusCodes.Status401Unauthorized
                    ? "This address needs an API key in the X-Api-Key header (machines) or a signed-in person."
                    : "This address is not open to the signed-in person's role.").ExecuteAsync(context.HttpContext);
        }
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>Only the app's own scripts run; styles may be inline (the component library sets them); nothing frames the app.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static WebApplication UseAccess(this WebApplication app)
    {
        app.Use((http, next) =>
        {
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            // The jobs dashboard is a third-party page with inline scripts of its own; administrators only.
            if (!http.Request.Path.StartsWithSegments("/hangfire")) headers.ContentSecurityPolicy = ContentSecurityPolicy;
            return next(http);
        });
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    public static WebApplication MapAccess(this WebApplication app)
    {
        app.MapPost("/account/signout", async (HttpContext http, SignInManager<UserAccount> signIn, Auditor audit, [Microsoft.AspNetCore.Mvc.FromForm] string? returnUrl) =>
        {
            var who = http.User.Identity?.Name;
            await signIn.SignOutAsync();
            if (who is not null) await audit.RecordAsync(AuditKinds.SignedOut, who, null, null, http.Connection.RemoteIpAddress?.ToString());
            return Results.Redirect(SignInPath + "?signedOut=1");
        }).AllowAnonymous().ExcludeFromDescription();
        ExternalSignIn.Map(app);
        return app;
    }
}
