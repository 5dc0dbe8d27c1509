using AntiFraud.Dashboard.Features.Incidents;
using AntiFraud.Dashboard.Tests.Harness;
using AntiFraud.Domain.Common;
using AntiFraud.Domain.Incidents;
using AntiFraud.Domain.Regions;
using Bunit;
using MudBlazor;
using static AntiFraud.Dashboard.Tests.Incidents.IncidentPageStates;

namespace AntiFraud.Dashboard.Tests.Incidents;

/// <summary>The action forms: what they accept, what they send to the ledger, and how a refusal or a failure is shown.</summary>
public sealed class IncidentPageDialogTests : ComponentTestContext
{
    private static readonly RegionCatalog Catalog = RegionCatalog.Load();
    private readonly List<IncidentCommand> _sent = [];
    private readonly IRenderedComponent<MudDialogProvider> _provider;
    private Func<IncidentCommand, ReportResult> _answer = c => ReportResult.Created(Guid.Empty);
    private IDialogReference? _reference;

    public IncidentPageDialogTests()
    {
        Services.AddSingleton(Catalog);
        Services.AddSingleton(TimeProvider.System);
        Render<MudPopoverProvider>();
        _provider = Render<MudDialogProvider>();
    }

    private async Task OpenAsync(IncidentAction action, Incident? state = null)
    {
        state ??= Reported();
        var context = new ActionContext(state.Loss, state.Stopped, state.Frozen, state.Returned, IncidentAvailability.EscalationTargets(state, Catalog));
        var parameters = new DialogParameters<IncidentActionDialog>
        {
            { d => d.Action, action },
            { d => d.Context, context },
            { d => d.Submit, command => { _sent.Add(command); return Task.FromResult(_answer(command)); } },
        };
        var dialogs = Services.GetRequiredService<IDialogService>();
        _reference = await _provider.InvokeAsync(() => dialogs.ShowAsync<IncidentActionDialog>("", parameters));
        _provider.WaitForElement("[data-testid=action-submit]");
    }

    /// <summary>Types into a field as the browser reports it: on change, or on every keystroke for fields that follow typing.</summary>
    private void Type(string field, string text)
    {
        var input = _provider.Find($"[data-testid={field}]");
        if (input.HasAttribute("blazor:onchange")) input.Change(text);
        else input.Input(text);
    }

    private void Submit() => _provider.Find("[data-testid=action-submit]").Click();

    private Task<DialogResult?> ClosedAsync() => _reference!.Result.WaitAsync(TimeSpan.FromSeconds(10));

    private bool StillOpen => !_reference!.Result.IsCompleted && _provider.FindAll("[data-testid=action-dialog]").Count == 1;

    private string Refusal() => _provider.WaitForElement("[data-testid=action-refusal]").TextContent;

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("0")]
    [InlineData("12.345")]
    [InlineData("10000000000.01")]
    [InlineData("-5")]
    public async Task An_amount_that_is_not_a_positive_sum_in_fen_up_to_ten_billion_is_refused_in_the_form_and_nothing_is_sent(string typed)
    {
        await OpenAsync(IncidentAction.FreezeFunds);

        Type("field-amount", typed);
        Submit();

        _provider.WaitForAssertion(() => Assert.NotEmpty(_provider.FindAll(".mud-input-error")));
        Assert.Empty(_sent);
        Assert.True(StillOpen);
    }

    [Theory]
    [InlineData("5000", 5000)]
    [InlineData("1,234.56", 1234.56)]
    [InlineData("１２３４．５", 1234.5)]
    [InlineData("10000000000", 10000000000)]
    public async Task A_valid_amount_is_sent_once_as_a_fresh_command_of_the_national_centre_and_the_dialog_closes(string typed, decimal expected)
    {
        await OpenAsync(IncidentAction.FreezeFunds);

        Type("field-amount", typed);
        Submit();

        var result = await ClosedAsync();
        var freeze = Assert.IsType<FreezeFunds>(Assert.Single(_sent));
        Assert.Equal(expected, freeze.Amount);
        Assert.Equal(RegionCode.National, freeze.RecordedBy);
        Assert.StartsWith("ui-", freeze.ExternalId);
        Assert.False(string.IsNullOrWhiteSpace(freeze.RequestHash));
        Assert.False(result!.Canceled);
        _provider.WaitForAssertion(() => Assert.Empty(_provider.FindAll("[data-testid=action-dialog]")));
    }

    [Fact]
    public async Task A_refusal_stays_in_the_dialog_in_Chinese_with_the_figures_and_the_next_attempt_is_a_new_request()
    {
        var state = After(Reported(), Freeze(5_000m));
        _answer = command => ReportResult.Refused(Guid.Empty, IncidentDecisions.Decide(command, state).Errors);
        await OpenAsync(IncidentAction.ReturnFunds, state);

        Type("field-amount", "6000");
        Submit();

        var refusal = Refusal();
        Assert.Contains("6,000.00", refusal);
        Assert.Contains("5,000.00", refusal);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", refusal);
        Assert.DoesNotContain("Returning", refusal);
        Assert.True(StillOpen);

        Type("field-amount", "4000");
        _answer = _ => ReportResult.Created(Guid.Empty);
        Submit();
        await ClosedAsync();
        Assert.Equal(2, _sent.Count);
        Assert.NotEqual(_sent[0].ExternalId, _sent[1].ExternalId);
    }

    [Fact]
    public async Task When_saving_fails_without_an_answer_the_dialog_says_so_and_a_retry_of_the_same_request_keeps_its_id()
    {
        var calls = 0;
        _answer = _ => ++calls == 1 ? throw new TimeoutException("no answer") : ReportResult.AlreadyStored(Guid.Empty);
        await OpenAsync(IncidentAction.FreezeFunds);

        Type("field-amount", "700");
        Submit();
        Assert.NotEmpty(Refusal());
        Assert.True(StillOpen);

        Submit();
        await ClosedAsync();
        Assert.Equal(2, _sent.Count);
        Assert.Equal(_sent[0].ExternalId, _sent[1].ExternalId);
        Assert.Equal(_sent[0].RequestHash, _sent[1].RequestHash);
    }

    [Fact]
    public async Task Filing_sends_the_case_number_when_given_and_none_when_left_empty()
    {
        await OpenAsync(IncidentAction.FileCase);
        Type("field-case-number", "  深南公(刑)立字〔2026〕0457号 ");
        Submit();
        await ClosedAsync();

        await OpenAsync(IncidentAction.FileCase);
        Submit();
        await ClosedAsync();

        Assert.Equal("深南公(刑)立字〔2026〕0457号", Assert.IsType<FileCase>(_sent[0]).CaseNumber);
        Assert.Null(Assert.IsType<FileCase>(_sent[1]).CaseNumber);
    }

    [Fact]
    public async Task Suspects_need_a_count_and_known_home_regions_no_more_than_the_suspects()
    {
        await OpenAsync(IncidentAction.IdentifySuspects);

        Type("field-count", "2");
        Type("field-home-regions", "440305, 999999");
        Submit();
        _provider.WaitForAssertion(() => Assert.Contains("999999", _provider.Find(".mud-input-error").TextContent));
        Assert.Empty(_sent);

        Type("field-home-regions", "440305，510104、4403");
        Submit();
        _provider.WaitForAssertion(() => Assert.NotEmpty(_provider.FindAll(".mud-input-error")));
        Assert.Empty(_sent);

        Type("field-home-regions", "440305，510104");
        Submit();
        await ClosedAsync();
        var suspects = Assert.IsType<IdentifySuspects>(Assert.Single(_sent));
        Assert.Equal(2, suspects.Count);
        Assert.Equal([RegionCode.Parse("440305"), RegionCode.Parse("510104")], suspects.HomeRegions);
    }

    [Fact]
    public async Task Escalation_offers_only_the_centres_above_the_one_handling_the_incident_and_needs_a_reason()
    {
        var state = After(Reported(), EscalateTo(RegionCode.Parse("440300")));
        await OpenAsync(IncidentAction.Escalate, state);

        var offered = _provider.FindAll("[data-code]").Select(e => e.GetAttribute("data-code")).ToList();
        Assert.Equal(["440000", "000000"], offered);

        Submit();
        _provider.WaitForAssertion(() => Assert.NotEmpty(_provider.FindAll(".mud-input-error")));
        Assert.Empty(_sent);
    }

    [Fact]
    public async Task Solving_takes_the_number_arrested_which_may_be_zero()
    {
        await OpenAsync(IncidentAction.SolveCase, After(Reported(), File()));

        Type("field-arrests", "1.5");
        Submit();
        _provider.WaitForAssertion(() => Assert.NotEmpty(_provider.FindAll(".mud-input-error")));

        Type("field-arrests", "0");
        Submit();
        await ClosedAsync();
        Assert.Equal(0, Assert.IsType<SolveCase>(Assert.Single(_sent)).Arrests);
    }
}
