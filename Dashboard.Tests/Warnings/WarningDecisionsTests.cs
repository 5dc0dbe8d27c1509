using AntiFraud.Domain.Common;
using AntiFraud.Domain.Incidents;
using AntiFraud.Domain.Regions;
using AntiFraud.Domain.Warnings;

namespace AntiFraud.Dashboard.Tests.Warnings;

/// <summary>The pure rules of a warning: call-back outcomes, when they close it, and the minutes to the first call-back.</summary>
public sealed class WarningDecisionsTests
{
    private static readonly RegionCode Nanshan = RegionCode.Parse("440305");
    private static readonly DateTimeOffset IssuedAt = new(2026, 5, 9, 10, 15, 0, ChinaTime.Offset);

    private static readonly WarningIssued Issued = new(Guid.NewGuid(), "warning-1", Nanshan, RegionCode.Parse("4403"),
        WarningSource.FundFlowMonitoring, WarningLevel.High, FraudType.FakeInvestment, IssuedAt, "hash-0");

    private static RecordOutcome Outcome(WarningOutcome outcome, TimeSpan after, string externalId = "call-1") =>
        new(outcome, IssuedAt + after, Nanshan, externalId, $"hash-{externalId}");

    /// <summary>The warning after <paramref name="outcomes"/> were decided and applied in order.</summary>
    private static Warning After(params RecordOutcome[] outcomes)
    {
        var events = new List<object> { Issued };
        foreach (var o in outcomes)
        {
            var decision = WarningDecisions.Decide(o, Warning.From(events)!);
            Assert.False(decision.Refused, string.Join("; ", decision.Errors));
            events.AddRange(decision.Events);
        }
        return Warning.From(events)!;
    }

    public static TheoryData<WarningOutcome> SettlingOutcomes =>
        new(Enum.GetValues<WarningOutcome>().Where(o => o != WarningOutcome.NotReachableYet));

    [Theory]
    [MemberData(nameof(SettlingOutcomes))]
    public void A_settling_outcome_is_recorded_and_closes_the_warning(WarningOutcome outcome)
    {
        var decision = WarningDecisions.Decide(Outcome(outcome, TimeSpan.FromMinutes(7)), After());

        Assert.Collection(decision.Events,
            e => Assert.Equal(outcome, Assert.IsType<WarningOutcomeRecorded>(e).Outcome),
            e => Assert.Equal(outcome, Assert.IsType<WarningClosed>(e).Outcome));
        Assert.False(After(Outcome(outcome, TimeSpan.FromMinutes(7))).Open);
    }

    [Fact]
    public void Not_reachable_yet_is_recorded_and_keeps_the_warning_open()
    {
        var decision = WarningDecisions.Decide(Outcome(WarningOutcome.NotReachableYet, TimeSpan.FromMinutes(3)), After());

        Assert.IsType<WarningOutcomeRecorded>(Assert.Single(decision.Events));
        Assert.True(After(Outcome(WarningOutcome.NotReachableYet, TimeSpan.FromMinutes(3))).Open);
    }

    [Fact]
    public void An_outcome_on_a_closed_warning_is_refused()
    {
        var closed = After(Outcome(WarningOutcome.Dissuaded, TimeSpan.FromMinutes(5)));

        var decision = WarningDecisions.Decide(Outcome(WarningOutcome.DissuadedInPerson, TimeSpan.FromHours(2), "visit-1"), closed);

        Assert.True(decision.Refused);
        Assert.Empty(decision.Events);
        Assert.Contains(decision.Errors, e => e.Field == "/outcome");
    }

    [Fact]
    public void An_outcome_earlier_than_the_warning_is_refused()
    {
        var decision = WarningDecisions.Decide(Outcome(WarningOutcome.Dissuaded, TimeSpan.FromSeconds(-1)), After());

        Assert.True(decision.Refused);
        Assert.Empty(decision.Events);
        Assert.Contains(decision.Errors, e => e.Field == "/at");
    }

    [Fact]
    public void Minutes_to_the_first_call_back_are_measured_on_the_first_outcome_only()
    {
        var first = TimeSpan.FromMinutes(12.5);
        var second = TimeSpan.FromMinutes(95);

        var firstDecision = WarningDecisions.Decide(Outcome(WarningOutcome.NotReachableYet, first), After());
        var secondDecision = WarningDecisions.Decide(Outcome(WarningOutcome.Dissuaded, second, "call-2"),
            After(Outcome(WarningOutcome.NotReachableYet, first)));

        Assert.Equal(first.TotalMinutes, firstDecision.Events.OfType<WarningOutcomeRecorded>().Single().MinutesToFirstCallBack);
        Assert.Null(secondDecision.Events.OfType<WarningOutcomeRecorded>().Single().MinutesToFirstCallBack);
    }
}
