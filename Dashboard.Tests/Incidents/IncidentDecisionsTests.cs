using AntiFraud.Domain.Common;
using AntiFraud.Domain.Incidents;
using AntiFraud.Domain.Regions;

namespace AntiFraud.Dashboard.Tests.Incidents;

/// <summary>The pure rules of an incident's life: what a centre may record on it and what is refused, before anything is stored.</summary>
public sealed class IncidentDecisionsTests
{
    private static readonly RegionCode Nanshan = RegionCode.Parse("440305");
    private static readonly RegionCode Futian = RegionCode.Parse("440304");
    private static readonly RegionCode Shenzhen = RegionCode.Parse("4403");
    private static readonly RegionCode Guangzhou = RegionCode.Parse("4401");
    private static readonly RegionCode Guangdong = RegionCode.Parse("44");
    private static readonly DateTimeOffset OccurredAt = new(2026, 3, 14, 21, 30, 0, ChinaTime.Offset);
    private static int _sequence;

    private static Incident Reported(decimal loss = 50_000m, FraudType type = FraudType.PigButchering) =>
        Incident.Start(new IncidentReported(Guid.NewGuid(), "report-1", Nanshan, Nanshan, OccurredAt, type, Channel.App,
            PaymentTool.BankTransfer, loss, new Victim(AgeBand.From30To44, Occupation.Employee), null, null, OccurredAt.AddMinutes(20), "hash-0"));

    private static string Next() => $"step-{Interlocked.Increment(ref _sequence)}";
    private static DateTimeOffset Later => OccurredAt.AddHours(1);

    private static FreezeFunds Freeze(decimal amount) => new(amount, Next(), Later, Nanshan, "h");
    private static ReturnFunds Return(decimal amount) => new(amount, Next(), Later, Nanshan, "h");
    private static RequestStopPayment Stop(decimal amount) => new(amount, Next(), Later, Nanshan, "h");
    private static FileCase File() => new("SZ-2026-0001", Next(), Later, Nanshan, "h");
    private static SolveCase Solve(int arrests = 2) => new(arrests, Next(), Later, Nanshan, "h");
    private static Escalate EscalateTo(RegionCode to) => new(to, "跨区域团伙", Next(), Later, Nanshan, "h");
    private static Transfer TransferTo(RegionCode county) => new(county, "管辖变更", Next(), Later, Nanshan, "h");
    private static Reclassify ReclassifyAs(FraudType type) => new(type, "经核实", Next(), Later, Nanshan, "h");
    private static Close CloseIt() => new("已办结", Next(), Later, Nanshan, "h");

    /// <summary>Applies accepted steps in order, failing the test if one is refused.</summary>
    private static Incident After(Incident state, params IncidentCommand[] commands)
    {
        foreach (var command in commands)
        {
            var decision = IncidentDecisions.Decide(command, state);
            Assert.False(decision.Refused, $"{command.GetType().Name} was refused: {string.Join("; ", decision.Errors)}");
            foreach (var e in decision.Events) state = state.Apply((IIncidentEvent)e);
        }
        return state;
    }

    private static void AssertRefused(Decision decision, string field)
    {
        Assert.True(decision.Refused);
        Assert.Empty(decision.Events);
        Assert.Contains(decision.Errors, e => e.Field == field);
    }

    [Fact]
    public void An_accepted_step_yields_one_event_for_the_incidents_county_with_what_the_centre_sent()
    {
        var command = Freeze(1_234.56m);

        var decision = IncidentDecisions.Decide(command, Reported());

        var frozen = Assert.IsType<FundsFrozen>(Assert.Single(decision.Events));
        Assert.Equal(Nanshan, frozen.County);
        Assert.Equal(command.Amount, frozen.Amount);
        Assert.Equal(command.At, frozen.At);
        Assert.Equal(command.ExternalId, frozen.ExternalId);
    }

    [Fact]
    public void Returning_more_than_was_frozen_is_refused_counting_what_was_returned_before()
    {
        var state = After(Reported(loss: 10_000m), Freeze(3_000m), Return(1_000m));
        var left = 3_000m - 1_000m;

        AssertRefused(IncidentDecisions.Decide(Return(left + 0.01m), state), "/amount");
        Assert.False(IncidentDecisions.Decide(Return(left), state).Refused);
    }

    [Fact]
    public void Returning_anything_before_funds_were_frozen_is_refused()
    {
        AssertRefused(IncidentDecisions.Decide(Return(0.01m), Reported()), "/amount");
    }

    [Fact]
    public void Freezing_more_than_the_loss_is_refused_counting_what_was_frozen_before()
    {
        var loss = 8_000m;
        var state = After(Reported(loss), Freeze(5_000m));

        AssertRefused(IncidentDecisions.Decide(Freeze(loss - 5_000m + 0.01m), state), "/amount");
        Assert.False(IncidentDecisions.Decide(Freeze(loss - 5_000m), state).Refused);
    }

    [Fact]
    public void Stopping_payment_of_more_than_the_loss_is_refused_counting_what_was_stopped_before()
    {
        var loss = 8_000m;
        var state = After(Reported(loss), Stop(7_999m));

        AssertRefused(IncidentDecisions.Decide(Stop(1.01m), state), "/amount");
        Assert.False(IncidentDecisions.Decide(Stop(loss - 7_999m), state).Refused);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-0.01)]
    [InlineData(-500)]
    public void Zero_and_negative_amounts_are_refused_for_stopping_freezing_and_returning(double amount)
    {
        var value = (decimal)amount;
        var frozen = After(Reported(), Freeze(1_000m));

        AssertRefused(IncidentDecisions.Decide(Stop(value), frozen), "/amount");
        AssertRefused(IncidentDecisions.Decide(Freeze(value), frozen), "/amount");
        AssertRefused(IncidentDecisions.Decide(Return(value), frozen), "/amount");
    }

    [Fact]
    public void Amounts_with_more_than_two_decimals_are_refused()
    {
        var frozen = After(Reported(), Freeze(1_000m));

        AssertRefused(IncidentDecisions.Decide(Stop(10.001m), frozen), "/amount");
        AssertRefused(IncidentDecisions.Decide(Freeze(10.001m), frozen), "/amount");
        AssertRefused(IncidentDecisions.Decide(Return(10.001m), frozen), "/amount");
    }

    [Fact]
    public void Amounts_over_ten_billion_yuan_are_refused_even_within_the_loss()
    {
        var huge = Reported(loss: Limits.MaxAmount);
        var state = After(huge, Freeze(Limits.MaxAmount));

        AssertRefused(IncidentDecisions.Decide(Stop(Limits.MaxAmount + 0.01m), state), "/amount");
    }

    [Fact]
    public void Solving_a_case_before_it_is_filed_is_refused()
    {
        AssertRefused(IncidentDecisions.Decide(Solve(), Reported()), "/type");
    }

    [Fact]
    public void Solving_a_case_twice_is_refused()
    {
        var solved = After(Reported(), File(), Solve());

        AssertRefused(IncidentDecisions.Decide(Solve(), solved), "/type");
    }

    [Fact]
    public void Filing_a_case_twice_is_refused()
    {
        var filed = After(Reported(), File());

        AssertRefused(IncidentDecisions.Decide(File(), filed), "/type");
    }

    public static TheoryData<string> AnyStep => ["freeze", "return", "stop", "file", "solve", "escalate", "transfer", "reclassify", "close"];

    private static IncidentCommand Step(string name) => name switch
    {
        "freeze" => Freeze(10m),
        "return" => Return(10m),
        "stop" => Stop(10m),
        "file" => File(),
        "solve" => Solve(),
        "escalate" => EscalateTo(Shenzhen),
        "transfer" => TransferTo(Futian),
        "reclassify" => ReclassifyAs(FraudType.Loan),
        _ => CloseIt(),
    };

    [Theory]
    [MemberData(nameof(AnyStep))]
    public void Nothing_more_can_be_recorded_on_a_closed_incident(string step)
    {
        var closed = After(Reported(), Freeze(100m), File(), CloseIt());

        AssertRefused(IncidentDecisions.Decide(Step(step), closed), "/type");
    }

    [Fact]
    public void Escalating_to_a_region_that_is_not_above_the_incident_is_refused()
    {
        AssertRefused(IncidentDecisions.Decide(EscalateTo(Guangzhou), Reported()), "/to");
        AssertRefused(IncidentDecisions.Decide(EscalateTo(RegionCode.Parse("33")), Reported()), "/to");
    }

    [Fact]
    public void Escalating_to_the_same_or_a_lower_tier_than_the_one_handling_it_is_refused()
    {
        var atProvince = After(Reported(), EscalateTo(Guangdong));

        AssertRefused(IncidentDecisions.Decide(EscalateTo(Nanshan), Reported()), "/to");
        AssertRefused(IncidentDecisions.Decide(EscalateTo(Shenzhen), atProvince), "/to");
        AssertRefused(IncidentDecisions.Decide(EscalateTo(Guangdong), atProvince), "/to");
        Assert.False(IncidentDecisions.Decide(EscalateTo(RegionCode.National), atProvince).Refused);
    }

    [Fact]
    public void Escalation_climbs_the_incidents_own_ancestors_one_or_more_tiers_at_a_time()
    {
        var escalated = IncidentDecisions.Decide(EscalateTo(Shenzhen), Reported());

        var e = Assert.IsType<IncidentEscalated>(Assert.Single(escalated.Events));
        Assert.Equal(Shenzhen, e.To);
        Assert.Equal(Nanshan, e.County);
    }

    [Fact]
    public void Transferring_to_a_region_that_is_not_a_county_is_refused()
    {
        AssertRefused(IncidentDecisions.Decide(TransferTo(Shenzhen), Reported()), "/toCounty");
        AssertRefused(IncidentDecisions.Decide(TransferTo(Guangdong), Reported()), "/toCounty");
    }

    [Fact]
    public void Transferring_to_the_county_it_already_belongs_to_is_refused()
    {
        AssertRefused(IncidentDecisions.Decide(TransferTo(Nanshan), Reported()), "/toCounty");
        var moved = After(Reported(), TransferTo(Futian));
        AssertRefused(IncidentDecisions.Decide(TransferTo(Futian), moved), "/toCounty");
    }

    [Fact]
    public void Reclassifying_to_the_type_it_already_has_is_refused()
    {
        var state = Reported(type: FraudType.OrderBrushing);

        AssertRefused(IncidentDecisions.Decide(ReclassifyAs(FraudType.OrderBrushing), state), "/fraudType");
        var moved = IncidentDecisions.Decide(ReclassifyAs(FraudType.Loan), state);
        var e = Assert.IsType<IncidentReclassified>(Assert.Single(moved.Events));
        Assert.Equal((FraudType.OrderBrushing, FraudType.Loan), (e.From, e.To));
    }
}
