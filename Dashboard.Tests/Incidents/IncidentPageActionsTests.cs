using AntiFraud.Dashboard.Features.Incidents;
using AntiFraud.Dashboard.Tests.Harness;
using AntiFraud.Domain.Incidents;
using AntiFraud.Domain.Regions;
using Bunit;
using MudBlazor;
using static AntiFraud.Dashboard.Tests.Incidents.IncidentPageStates;

namespace AntiFraud.Dashboard.Tests.Incidents;

/// <summary>Which actions a commander is offered on an incident, and why the others are not.</summary>
public sealed class IncidentPageActionsTests : ComponentTestContext
{
    private readonly List<IncidentAction> _requested = [];

    public IncidentPageActionsTests() => Render<MudPopoverProvider>();

    private IRenderedComponent<IncidentActions> RenderActions(Incident state, bool busy = false) =>
        Render<IncidentActions>(p => p.Add(a => a.State, state).Add(a => a.Busy, busy)
            .Add(a => a.OnAction, (IncidentAction action) => _requested.Add(action)));

    private static HashSet<IncidentAction> Enabled(IRenderedComponent<IncidentActions> actions) =>
        actions.FindAll("button[data-action]").Where(b => !b.HasAttribute("disabled"))
            .Select(b => Enum.Parse<IncidentAction>(b.GetAttribute("data-action")!)).ToHashSet();

    private static string ReasonFor(IRenderedComponent<IncidentActions> actions, IncidentAction action)
    {
        var button = actions.Find($"button[data-action={action}]");
        Assert.True(button.HasAttribute("disabled"), $"{action} should be disabled");
        var described = button.GetAttribute("aria-describedby");
        Assert.False(string.IsNullOrEmpty(described), $"{action} says why it is disabled");
        return actions.Find($"#{described}").TextContent.Trim();
    }

    [Fact]
    public void A_new_incident_can_be_filed_stopped_frozen_and_escalated_but_not_solved_or_returned_yet()
    {
        var actions = RenderActions(Reported());

        Assert.Equal(
            [IncidentAction.RequestStopPayment, IncidentAction.FreezeFunds, IncidentAction.FileCase, IncidentAction.IdentifySuspects, IncidentAction.Escalate, IncidentAction.Close],
            Enabled(actions).Order());
        Assert.NotEmpty(ReasonFor(actions, IncidentAction.SolveCase));
        Assert.NotEmpty(ReasonFor(actions, IncidentAction.ReturnFunds));
        Assert.NotEqual(ReasonFor(actions, IncidentAction.SolveCase), ReasonFor(actions, IncidentAction.ReturnFunds));
    }

    [Fact]
    public void Once_filed_the_case_can_be_solved_and_not_filed_again_and_frozen_funds_can_be_returned()
    {
        var actions = RenderActions(After(Reported(), File(), Freeze(5_000m)));

        var enabled = Enabled(actions);
        Assert.Contains(IncidentAction.SolveCase, enabled);
        Assert.Contains(IncidentAction.ReturnFunds, enabled);
        Assert.DoesNotContain(IncidentAction.FileCase, enabled);
        Assert.NotEmpty(ReasonFor(actions, IncidentAction.FileCase));
    }

    [Fact]
    public void A_solved_case_cannot_be_solved_again_and_a_fully_frozen_loss_cannot_be_frozen_further()
    {
        var actions = RenderActions(After(Reported(loss: 10_000m), File(), Solve(), Freeze(10_000m)));

        var enabled = Enabled(actions);
        Assert.DoesNotContain(IncidentAction.SolveCase, enabled);
        Assert.DoesNotContain(IncidentAction.FreezeFunds, enabled);
        Assert.Contains(IncidentAction.ReturnFunds, enabled);
        Assert.Contains(IncidentAction.Close, enabled);
    }

    [Fact]
    public void Nothing_can_be_recorded_on_a_closed_incident_and_the_page_says_so()
    {
        var actions = RenderActions(After(Reported(), File(), CloseIt()));

        Assert.Empty(Enabled(actions));
        var closedReason = ReasonFor(actions, IncidentAction.FreezeFunds);
        Assert.All(Enum.GetValues<IncidentAction>(), a => Assert.Equal(closedReason, ReasonFor(actions, a)));
        Assert.Contains(closedReason, actions.Find("[data-testid=closed-note]").TextContent);
    }

    [Fact]
    public void An_incident_escalated_to_the_nation_cannot_be_escalated_further()
    {
        var actions = RenderActions(After(Reported(), EscalateTo(RegionCode.National)));

        Assert.DoesNotContain(IncidentAction.Escalate, Enabled(actions));
        Assert.NotEmpty(ReasonFor(actions, IncidentAction.Escalate));
    }

    [Fact]
    public void The_offer_follows_the_decisions_for_every_action_and_status()
    {
        var states = new[]
        {
            Reported(), After(Reported(), Freeze(1_000m)), After(Reported(), File()), After(Reported(), File(), Solve()),
            After(Reported(), Stop(20_000m)), After(Reported(), EscalateTo(RegionCode.Parse("440300"))), After(Reported(), CloseIt()),
        };
        foreach (var state in states)
        {
            var enabled = Enabled(RenderActions(state));
            foreach (var action in Enum.GetValues<IncidentAction>())
            {
                // An action offered is one the decision accepts with a small valid input, and one withheld is one it refuses.
                var accepted = !IncidentDecisions.Decide(Smallest(action), state).Refused;
                Assert.True(accepted == enabled.Contains(action), $"{action} on {state.Status} (frozen {state.Frozen}, tier {state.HandlingTier}): offered {enabled.Contains(action)}, decision accepts {accepted}");
            }
        }
    }

    private static IncidentCommand Smallest(IncidentAction action) => action switch
    {
        IncidentAction.RequestStopPayment => Stop(0.01m),
        IncidentAction.FreezeFunds => Freeze(0.01m),
        IncidentAction.ReturnFunds => Return(0.01m),
        IncidentAction.FileCase => File(),
        IncidentAction.IdentifySuspects => new IdentifySuspects(1, [], Next(), OccurredAt, Nanshan, "h"),
        IncidentAction.SolveCase => Solve(0),
        IncidentAction.Escalate => EscalateTo(RegionCode.National),
        _ => CloseIt(),
    };

    [Fact]
    public void Clicking_an_offered_action_asks_the_page_for_it_and_nothing_can_start_while_the_page_is_busy()
    {
        var actions = RenderActions(Reported());
        actions.Find("button[data-action=FreezeFunds]").Click();
        Assert.Equal([IncidentAction.FreezeFunds], _requested);

        var busy = RenderActions(Reported(), busy: true);
        Assert.Empty(Enabled(busy));
    }
}
