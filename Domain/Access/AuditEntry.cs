using System.Globalization;
using AntiFraud.Domain.Common;

namespace AntiFraud.Domain.Access;

/// <summary>
/// One line of the audit trail: who (user name, or "apikey:…"), what (a kind such as <c>signed-in</c> or <c>card-lifted</c>),
/// on what, from where and when. Stored as events, one stream per China day.
/// </summary>
public sealed record AuditEntry(string Kind, string Who, string? Target, string? Detail, string? From, DateTimeOffset At)
{
    public static Guid StreamOf(DateTimeOffset at) =>
        StreamIds.For("audit", Guid.Empty, ChinaTime.DayOf(at).ToString("yyyyMMdd", CultureInfo.InvariantCulture));
}

/// <summary>The kinds of audit entries.</summary>
public static class AuditKinds
{
    public const string SignedIn = "signed-in";
    public const string SignInFailed = "sign-in-failed";
    public const string LockedOut = "locked-out";
    public const string SignedOut = "signed-out";
    public const string UserCreated = "user-created";
    public const string UserUnlocked = "user-unlocked";
    public const string PasswordReset = "password-reset";
    public const string UserUpdated = "user-updated";
    public const string IncidentAction = "incident-action";
    public const string CardDecision = "card-decision";
    public const string ApiKeyCreated = "apikey-created";
    public const string ApiKeyRevoked = "apikey-revoked";
    public const string Refused = "refused";
}
