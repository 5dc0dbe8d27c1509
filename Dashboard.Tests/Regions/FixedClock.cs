namespace AntiFraud.Dashboard.Tests.Regions;

/// <summary>A clock that always says the same moment, for screens whose default depends on today's China date.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
}
