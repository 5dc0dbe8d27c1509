using System.Security.Claims;
using AntiFraud.Domain.Access;
using AntiFraud.Domain.Regions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace AntiFraud.Dashboard.Access;

/// <summary>
/// <c>Access:OpenIdConnect</c>: sign-in through a centre's own identity provider, configured here only. The person's jurisdiction and
/// roles come from claims of the provider's token, mapped by these settings; nothing is taken on trust that does not map.
/// </summary>
public sealed class OpenIdConnectSettings
{
    public const string Section = "Access:OpenIdConnect";

    /// <summary>The provider's issuer URL. Empty: external sign-in is off.</summary>
    public string Authority { get; set; } = "";
    public string ClientId { get; set; } = "";
    public string ClientSecret { get; set; } = "";
    /// <summary>The button on the sign-in page says "Sign in with …" this.</summary>
    public string DisplayName { get; set; } = "";
    /// <summary>Scopes asked for; empty means <c>openid profile</c>.</summary>
    public List<string> Scopes { get; set; } = [];
    /// <summary>Off only for a provider on a trusted loopback or private network during set-up.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;
    /// <summary>The claim naming the person for screens and the audit trail.</summary>
    public string NameClaim { get; set; } = "preferred_username";
    /// <summary>The claim holding the jurisdiction: a 6-digit region code, or a value listed in <see cref="Jurisdictions"/>.</summary>
    public string JurisdictionClaim { get; set; } = "afc_region";
    /// <summary>Optional: provider values (group names, say) to region codes.</summary>
    public Dictionary<string, string> Jurisdictions { get; set; } = [];
    /// <summary>The claim holding the roles (one claim per role, or a JSON array).</summary>
    public string RoleClaim { get; set; } = "roles";
    /// <summary>Provider values to the product's roles (DutyOfficer, Commander, Analyst, Administrator); those names map to themselves.</summary>
    public Dictionary<string, string> Roles { get; set; } = [];

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);

    /// <summary>One sentence naming the first wrong setting, or null.</summary>
    public string? Problem(RegionCatalog catalog)
    {
        if (!Enabled) return null;
        if (!Uri.TryCreate(Authority, UriKind.Absolute, out var authority) || authority.Scheme is not ("https" or "http"))
            return $"{Section}:Authority must be the identity provider's absolute http(s) URL.";
        if (RequireHttpsMetadata && authority.Scheme != "https")
            return $"{Section}:Authority must use https (or set {Section}:RequireHttpsMetadata to false for a provider on a trusted network).";
        if (string.IsNullOrWhiteSpace(ClientId)) return $"{Section}:ClientId is required when {Section}:Authority is set.";
        if (string.IsNullOrWhiteSpace(JurisdictionClaim)) return $"{Section}:JurisdictionClaim must name a claim.";
        if (string.IsNullOrWhiteSpace(RoleClaim)) return $"{Section}:RoleClaim must name a claim.";
        foreach (var (value, code) in Jurisdictions)
            if (!catalog.TryResolve(code, out _, out _)) return $"{Section}:Jurisdictions:{value} is '{code}', which is not a known region code.";
        foreach (var (value, role) in Roles)
            if (!TryRole(role, out _)) return $"{Section}:Roles:{value} is '{role}', which is not one of {string.Join(", ", Enum.GetNames<AccessRole>())}.";
        return null;
    }

    internal static bool TryRole(string text, out AccessRole role) =>
        Enum.TryParse(text, ignoreCase: true, out role) && Enum.IsDefined(role) && !int.TryParse(text, out _);
}

/// <summary>Who a provider's claims say the person is, in the product's terms, or why they do not say enough.</summary>
public sealed record ExternalIdentity(string Subject, string DisplayName, RegionCode Jurisdiction, IReadOnlyList<AccessRole> Roles)
{
    /// <summary>The account's user name: a colon never appears in a local name, so no local account can be taken over.</summary>
    public string UserName => "oidc:" + Subject;

    /// <summary>Maps the claims with the settings; the refusal (a sentence for the sign-in page and the audit trail) otherwise.</summary>
    public static (ExternalIdentity? Identity, string? Refusal) From(IEnumerable<Claim> claims, OpenIdConnectSettings settings, RegionCatalog catalog)
    {
        var list = claims.ToList();
        var subject = list.FirstOrDefault(c => c.Type is "sub" or ClaimTypes.NameIdentifier)?.Value;
        if (string.IsNullOrWhiteSpace(subject) || subject.Length > 200 || subject.Any(char.IsControl))
            return (null, "the provider's token has no usable subject (sub)");

        var jurisdictionValues = Values(list, settings.JurisdictionClaim).Distinct().ToList();
        if (jurisdictionValues.Count != 1)
            return (null, jurisdictionValues.Count == 0 ? $"no {settings.JurisdictionClaim} claim gives a jurisdiction" : $"{settings.JurisdictionClaim} gives more than one jurisdiction");
        var raw = settings.Jurisdictions.TryGetValue(jurisdictionValues[0], out var mapped) ? mapped : jurisdictionValues[0];
        if (!catalog.TryResolve(raw, out var region, out _)) return (null, $"{settings.JurisdictionClaim} '{Clip(raw)}' is not a known region");

        var roles = new List<AccessRole>();
        foreach (var value in Values(list, settings.RoleClaim))
        {
            if (settings.Roles.TryGetValue(value, out var name) && OpenIdConnectSettings.TryRole(name, out var role)) roles.Add(role);
            else if (OpenIdConnectSettings.TryRole(value, out role)) roles.Add(role);
        }
        if (roles.Count == 0) return (null, $"no {settings.RoleClaim} claim maps to a role of this product");

        var display = list.FirstOrDefault(c => c.Type == settings.NameClaim)?.Value
            ?? list.FirstOrDefault(c => c.Type is "name")?.Value ?? subject;
        return (new ExternalIdentity(subject, Clip(display, 100), region.Code, roles.Distinct().Order().ToList()), null);
    }

    // Providers send several roles as repeated claims or as one JSON array.
    private static IEnumerable<string> Values(List<Claim> claims, string type) =>
        claims.Where(c => c.Type == type).SelectMany(c => c.Value.StartsWith('[') ? ParseArray(c.Value) : [c.Value.Trim()]).Where(v => v.Length > 0);

    private static IEnumerable<string> ParseArray(string json)
    {
        try
        {
            return System.Text.Json.JsonSerializer.Deserialize<string[]>(json) ?? [];
        }
        catch (System.Text.Json.JsonException)
        {
            return [];
        }
    }

    private static string Clip(string text, int max = 40) => text.Length > max ? text[..max] : text;
}

/// <summary>
/// Turns a provider's sign-in into a product account: created on first sign-in, its jurisdiction and roles refreshed from the
/// claims every time, then signed in with the same cookie (and security stamp checks) as a password sign-in.
/// </summary>
public static class ExternalSignIn
{
    public const string Scheme = "oidc";
    public const string ChallengePath = "/account/signin/external";

    public static void Add(WebApplicationBuilder builder, AuthenticationBuilder authentication)
    {
        var settings = builder.Configuration.GetSection(OpenIdConnectSettings.Section).Get<OpenIdConnectSettings>() ?? new();
        builder.Services.AddSingleton(settings);
        if (!settings.Enabled) return;
        if (settings.Problem(RegionCatalog.Shipped) is { } problem) throw new Hosting.Embedded.StartupException("Invalid setting: " + problem);

        authentication.AddOpenIdConnect(Scheme, settings.DisplayName, o =>
        {
            o.Authority = settings.Authority;
            o.ClientId = settings.ClientId;
            o.ClientSecret = string.IsNullOrEmpty(settings.ClientSecret) ? null : settings.ClientSecret;
            o.ResponseType = OpenIdConnectResponseType.Code;
            o.UsePkce = true;
            o.RequireHttpsMetadata = settings.RequireHttpsMetadata;
            // The jurisdiction and roles must be in the id token: they are mapped as soon as it is validated.
            o.GetClaimsFromUserInfoEndpoint = false;
            o.MapInboundClaims = false;
            o.SaveTokens = false;
            o.Scope.Clear();
            foreach (var scope in settings.Scopes.Count > 0 ? settings.Scopes : ["openid", "profile"]) o.Scope.Add(scope);
            o.SignInScheme = IdentityConstants.ApplicationScheme;
            o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Events.OnTokenValidated = TokenValidatedAsync;
            o.Events.OnRemoteFailure = RemoteFailureAsync;
        });
    }

    public static void Map(WebApplication app)
    {
        app.MapGet(ChallengePath, (string? returnUrl, OpenIdConnectSettings settings) => settings.Enabled
                ? Results.Challenge(new AuthenticationProperties { RedirectUri = SafeReturn(returnUrl) }, [Scheme])
                : Results.NotFound())
            .AllowAnonymous().ExcludeFromDescription();
    }

    /// <summary>Only paths of this site: a crafted link must not send people elsewhere after they sign in.</summary>
    public static string SafeReturn(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) ? url : "/";

    private static async Task TokenValidatedAsync(TokenValidatedContext context)
    {
        var services = context.HttpContext.RequestServices;
        var settings = services.GetRequiredService<OpenIdConnectSettings>();
        var audit = services.GetRequiredService<Auditor>();
        var from = context.HttpContext.Connection.RemoteIpAddress?.ToString();
        var claims = context.Principal?.Claims ?? [];
        var (identity, refusal) = ExternalIdentity.From(claims, settings, services.GetRequiredService<RegionCatalog>());
        if (identity is null)
        {
            var who = claims.FirstOrDefault(c => c.Type == "sub")?.Value is { } sub ? "oidc:" + sub : "oidc";
            await audit.RecordAsync(AuditKinds.SignInFailed, who, null, "OpenID Connect: " + refusal, from);
            context.Fail("refused: " + refusal);
            return;
        }

        var users = services.GetRequiredService<UserManager<UserAccount>>();
        var account = await users.FindByNameAsync(identity.UserName);
        if (account is null)
        {
            account = new UserAccount
            {
                Id = Guid.NewGuid(), UserName = identity.UserName, NormalizedUserName = users.NormalizeName(identity.UserName),
                SecurityStamp = Guid.NewGuid().ToString("N"), CreatedAt = services.GetRequiredService<TimeProvider>().GetUtcNow(),
            };
            Apply(account, identity);
            // Straight to the store: the user manager's name rules exist to keep colons out of local names.
            var store = services.GetRequiredService<IUserStore<UserAccount>>();
            var created = await store.CreateAsync(account, context.HttpContext.RequestAborted);
            if (!created.Succeeded)
            {
                context.Fail("refused: the account could not be created");
                return;
            }
            await audit.RecordAsync(AuditKinds.UserCreated, "OpenID Connect", identity.UserName, Describe(identity), from);
        }
        else if (account.Jurisdiction != identity.Jurisdiction || !account.Roles.Order().SequenceEqual(identity.Roles) || account.DisplayName != identity.DisplayName)
        {
            Apply(account, identity);
            // A new stamp ends the person's other sessions, which carry the old jurisdiction or roles.
            account.SecurityStamp = Guid.NewGuid().ToString("N");
            await services.GetRequiredService<IUserStore<UserAccount>>().UpdateAsync(account, context.HttpContext.RequestAborted);
            await audit.RecordAsync(AuditKinds.UserUpdated, "OpenID Connect", identity.UserName, Describe(identity), from);
        }

        if (await users.IsLockedOutAsync(account))
        {
            await audit.RecordAsync(AuditKinds.LockedOut, identity.UserName, null, "OpenID Connect", from);
            context.Fail("refused: the account is locked");
            return;
        }
        var factory = services.GetRequiredService<IUserClaimsPrincipalFactory<UserAccount>>();
        context.Principal = await factory.CreateAsync(account);
        await audit.RecordAsync(AuditKinds.SignedIn, identity.UserName, null, "OpenID Connect: " + Describe(identity), from);
    }

    private static void Apply(UserAccount account, ExternalIdentity identity)
    {
        account.DisplayName = identity.DisplayName;
        account.Jurisdiction = identity.Jurisdiction;
        account.Roles = identity.Roles.ToList();
    }

    private static string Describe(ExternalIdentity identity) => $"{identity.Jurisdiction} {string.Join(",", identity.Roles)}";

    // Never a stack trace: back to the sign-in page, which says in words what went wrong.
    private static Task RemoteFailureAsync(RemoteFailureContext context)
    {
        var reason = context.Failure?.Message is { } message && message.StartsWith("refused: ", StringComparison.Ordinal) ? "refused" : "failed";
        context.Response.Redirect($"{Hosting.AccessHosting.SignInPath}?external={reason}");
        context.HandleResponse();
        return Task.CompletedTask;
    }
}
