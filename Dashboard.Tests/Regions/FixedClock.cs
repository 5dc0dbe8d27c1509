namespace AntiFraud.Dashboard.Tests.Regions;

/// <summary>A clock that stands still at <paramref name="now"/> until a test moves it on.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();

    public void Advance(TimeSpan by) => now += by;
}
