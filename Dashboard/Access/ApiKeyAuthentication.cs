using System.Security.Claims;
using System.Text.Encodings.Web;
using AntiFraud.Dashboard.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace AntiFraud.Dashboard.Access;

/// <summary>
/// Machines on the live hub (another centre's system, a wall display's script) sign in with their API key in the
/// <c>X-Api-Key</c> header; the key's centre is their jurisdiction. People use the sign-in cookie instead.
/// </summary>
public sealed class ApiKeyAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyStore keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string MachineRole = "Machine";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var secret = Request.Headers[ReportingCentre.HeaderName].ToString();
        if (string.IsNullOrEmpty(secret)) return AuthenticateResult.NoResult();
        var key = await keys.RecogniseAsync(secret, Context.RequestAborted);
        if (key is null) return AuthenticateResult.Fail("Unknown or revoked API key.");
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, $"apikey:{key.Id}"),
            new Claim(AccessClaims.Jurisdiction, key.Centre.ToString()),
            new Claim(ClaimTypes.Role, MachineRole),
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
