using AntiFraud.Domain.Access;
using AntiFraud.Domain.Regions;
using Microsoft.AspNetCore.Identity;

namespace AntiFraud.Dashboard.Access;

/// <summary>
/// One documented user per tier, so someone trying the product on its embedded database can see each view. Created on the
/// embedded default only (or when <c>Access:DemoUsers</c> is <c>true</c>); the sign-in page lists them while they exist.
/// </summary>
public sealed class DemoUsers(bool enabled)
{
    public sealed record Demo(string UserName, string Password, string Region, AccessRole[] Roles);

    public static readonly IReadOnlyList<Demo> All =
    [
        new("national", "Demo-National-2026", "000000", [AccessRole.Administrator, AccessRole.Commander, AccessRole.Analyst, AccessRole.DutyOfficer]),
        new("guangdong", "Demo-Guangdong-2026", "440000", [AccessRole.Commander, AccessRole.Analyst, AccessRole.DutyOfficer]),
        new("shenzhen", "Demo-Shenzhen-2026", "440300", [AccessRole.Commander, AccessRole.DutyOfficer]),
        new("nanshan", "Demo-Nanshan-2026", "440305", [AccessRole.DutyOfficer]),
    ];

    public bool Enabled { get; } = enabled;
}

/// <summary>Creates the demo users that are missing when the app starts (never changes existing ones).</summary>
internal sealed class DemoUsersSeeder(DemoUsers demo, IServiceScopeFactory scopes, TimeProvider clock, ILogger<DemoUsersSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!demo.Enabled) return;
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
        foreach (var d in DemoUsers.All)
        {
            if (await users.FindByNameAsync(d.UserName) is not null) continue;
            var account = new UserAccount
            {
                Id = Guid.NewGuid(), UserName = d.UserName, DisplayName = d.UserName, Jurisdiction = RegionCode.Parse(d.Region),
                Roles = [.. d.Roles], CreatedAt = clock.GetUtcNow(),
            };
            var result = await users.CreateAsync(account, d.Password);
            if (!result.Succeeded) logger.LogWarning("Demo user {User} not created: {Errors}", d.UserName, string.Join(" ", result.Errors.Select(e => e.Description)));
        }
        logger.LogInformation("Demo users are available (listed on the sign-in page)");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
