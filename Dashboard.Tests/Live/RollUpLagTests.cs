using AntiFraud.Dashboard.Live;
using AntiFraud.Dashboard.Tests.Regions;

namespace AntiFraud.Dashboard.Tests.Live;

/// <summary>When the screens say their figures are behind: readings every two seconds of the events stored and counted.</summary>
public sealed class RollUpLagTests
{
    private readonly FixedClock _clock = new(new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.FromHours(8)));

    [Fact]
    public void Roll_ups_a_moment_behind_a_steady_stream_are_never_called_behind()
    {
        var lag = new RollUpLag(_clock);
        // 1,000 events a second; at every reading the roll-ups have counted all but the last few hundred.
        for (var second = 2; second <= 60; second += 2)
        {
            lag.Report(stored: second * 1_000, counted: second * 1_000 - 300);
            Assert.False(lag.Current.Shown);
            _clock.Advance(TimeSpan.FromSeconds(2));
        }
    }

    [Fact]
    public void Roll_ups_held_up_are_called_behind_after_six_seconds_with_what_waits_and_no_longer_once_counted()
    {
        var lag = new RollUpLag(_clock);
        lag.Report(stored: 500, counted: 500);
        Assert.Equal(RollUpState.CaughtUp, lag.Current);

        lag.Report(stored: 800, counted: 500);
        _clock.Advance(TimeSpan.FromSeconds(4));
        lag.Report(stored: 900, counted: 520);
        Assert.False(lag.Current.Shown);

        _clock.Advance(TimeSpan.FromSeconds(2));
        lag.Report(stored: 950, counted: 560);
        Assert.True(lag.Current.Shown);
        Assert.Equal(390, lag.Current.Uncounted);
        Assert.Equal(TimeSpan.FromSeconds(6), lag.Current.Lag);

        // Everything stored by the first late reading is counted: the lag dates from the next one.
        _clock.Advance(TimeSpan.FromSeconds(2));
        lag.Report(stored: 950, counted: 800);
        Assert.Equal(TimeSpan.FromSeconds(4), lag.Current.Lag);
        Assert.False(lag.Current.Shown);

        _clock.Advance(TimeSpan.FromSeconds(2));
        lag.Report(stored: 950, counted: 950);
        Assert.Equal(RollUpState.CaughtUp, lag.Current);
    }
}
