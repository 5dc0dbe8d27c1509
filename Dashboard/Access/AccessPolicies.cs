using AntiFraud.Domain.Access;
using Microsoft.AspNetCore.Authorization;

namespace AntiFraud.Dashboard.Access;

/// <summary>Names of the role policies pages and endpoints ask for.</summary>
public static class AccessPolicies
{
    public const string Commander = nameof(AccessRole.Commander);
    public const string Analyst = nameof(AccessRole.Analyst);
    public const string Administrator = nameof(AccessRole.Administrator);
    /// <summary>People (cookie) or machines (API key): the live hub.</summary>
    public const string PeopleOrMachines = "PeopleOrMachines";

    public static void Add(AuthorizationOptions options, string[] peopleAndMachines)
    {
        // Deny by default: every endpoint needs a signed-in person unless it says otherwise.
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        options.AddPolicy(Commander, p => p.RequireRole(nameof(AccessRole.Commander)));
        options.AddPolicy(Analyst, p => p.RequireRole(nameof(AccessRole.Analyst)));
        options.AddPolicy(Administrator, p => p.RequireRole(nameof(AccessRole.Administrator)));
        options.AddPolicy(PeopleOrMachines, p => p.AddAuthenticationSchemes(peopleAndMachines).RequireAuthenticatedUser()
            .RequireClaim(AccessClaims.Jurisdiction));
    }
}
