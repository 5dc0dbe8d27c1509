using AntiFraud.Domain.Incidents;
using AntiFraud.Domain.Regions;

namespace AntiFraud.Dashboard.Tests.Incidents;

/// <summary>Incidents in the states the incident page tests need, built through the real decisions.</summary>
internal static class IncidentPageStates
{
    public static readonly RegionCode Nanshan = RegionCode.Parse("440305");
    public static readonly DateTimeOffset OccurredAt = new(2026, 3, 14, 21, 30, 0, TimeSpan.FromHours(8));
    private static int _sequence;

    public static Incident Reported(decimal loss = 20_000m) =>
        Incident.Start(new IncidentReported(Guid.NewGuid(), "page-report", Nanshan, Nanshan, OccurredAt, FraudType.PigButchering, Channel.App,
            PaymentTool.BankTransfer, loss, new Victim(AgeBand.From30To44, Occupation.Employee), null, null, OccurredAt.AddMinutes(20), "hash-0"));

    public static string Next() => $"page-step-{Interlocked.Increment(ref _sequence)}";
    private static DateTimeOffset Later => OccurredAt.AddHours(1);

    public static FreezeFunds Freeze(decimal amount) => new(amount, Next(), Later, Nanshan, "h");
    public static ReturnFunds Return(decimal amount) => new(amount, Next(), Later, Nanshan, "h");
    public static RequestStopPayment Stop(decimal amount) => new(amount, Next(), Later, Nanshan, "h");
    public static FileCase File() => new("SZ-2026-0001", Next(), Later, Nanshan, "h");
    public static SolveCase Solve(int arrests = 2) => new(arrests, Next(), Later, Nanshan, "h");
    public static Escalate EscalateTo(RegionCode to) => new(to, "跨区域团伙", Next(), Later, Nanshan, "h");
    public static Close CloseIt() => new("已办结", Next(), Later, Nanshan, "h");

    /// <summary>Applies steps in order; every one must be accepted.</summary>
    public static Incident After(Incident state, params IncidentCommand[] commands)
    {
        foreach (var command in commands)
        {
            var decision = IncidentDecisions.Decide(command, state);
            Assert.False(decision.Refused, $"{command.GetType().Name} was refused: {string.Join("; ", decision.Errors)}");
            foreach (var e in decision.Events) state = state.Apply((IIncidentEvent)e);
        }
        return state;
    }

    /// <summary>The English reason a decision gives for refusing <paramref name="command"/> on <paramref name="state"/>.</summary>
    public static string RefusalOf(Incident state, IncidentCommand command)
    {
        var decision = IncidentDecisions.Decide(command, state);
        Assert.True(decision.Refused, $"{command.GetType().Name} was accepted");
        return Assert.Single(decision.Errors).Message;
    }
}
