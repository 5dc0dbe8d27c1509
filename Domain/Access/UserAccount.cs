using AntiFraud.Domain.Regions;

namespace AntiFraud.Domain.Access;

/// <summary>What a person may do, on top of seeing their jurisdiction's screens. A person may hold several roles.</summary>
public enum AccessRole
{
    /// <summary>Live screens and region pages.</summary>
    DutyOfficer = 1,
    /// <summary>Also acts: incident actions, card decisions.</summary>
    Commander = 2,
    /// <summary>Also briefings and exports.</summary>
    Analyst = 3,
    /// <summary>Users, API keys, the audit trail and the jobs dashboard.</summary>
    Administrator = 4,
}

/// <summary>
/// A person who signs in. Passwords are hashed by ASP.NET Core Identity (never stored or compared here); lockout counts
/// failures. <see cref="Jurisdiction"/> is the one region (any tier, the nation included) whose subtree the person sees.
/// </summary>
public sealed class UserAccount
{
    public Guid Id { get; set; }
    public string UserName { get; set; } = "";
    public string NormalizedUserName { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string? PasswordHash { get; set; }
    public string SecurityStamp { get; set; } = "";
    public string ConcurrencyStamp { get; set; } = Guid.NewGuid().ToString("N");
    public RegionCode Jurisdiction { get; set; }
    public List<AccessRole> Roles { get; set; } = [];
    public bool LockoutEnabled { get; set; } = true;
    public DateTimeOffset? LockoutEnd { get; set; }
    public int AccessFailedCount { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>Who may see what: a region is visible when it lies inside (or is) the jurisdiction.</summary>
public static class Jurisdiction
{
    public static bool Allows(RegionCode jurisdiction, RegionCode region) => region.IsWithin(jurisdiction);
}
