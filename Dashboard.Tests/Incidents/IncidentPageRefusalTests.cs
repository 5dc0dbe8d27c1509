using AntiFraud.Dashboard.Features.Incidents;
using AntiFraud.Dashboard.Localization;
using AntiFraud.Dashboard.Tests.Harness;
using AntiFraud.Domain.Incidents;
using AntiFraud.Domain.Regions;
using Microsoft.Extensions.Localization;
using static AntiFraud.Dashboard.Tests.Incidents.IncidentPageStates;

namespace AntiFraud.Dashboard.Tests.Incidents;

/// <summary>A refused action is explained in the reader's language, whatever rule refused it.</summary>
public sealed class IncidentPageRefusalTests : ComponentTestContext
{
    private static readonly RegionCatalog Catalog = RegionCatalog.Load();

    private string Describe(string message) => RefusalText.Describe(message, Services.GetRequiredService<IStringLocalizer<Text>>(), Catalog);

    /// <summary>Every rule the page's actions can run into, as the decisions word it today.</summary>
    public static TheoryData<string> Refusals()
    {
        var frozen = After(Reported(20_000m), Freeze(5_000m));
        var filed = After(Reported(), File());
        var solved = After(filed, Solve());
        var closed = After(Reported(), CloseIt());
        var atProvince = After(Reported(), EscalateTo(RegionCode.Parse("440000")));
        return new TheoryData<string>
        {
            RefusalOf(frozen, Return(6_000m)),
            RefusalOf(frozen, Freeze(15_000.01m)),
            RefusalOf(frozen, Stop(20_000.5m)),
            RefusalOf(closed, Freeze(1m)),
            RefusalOf(Reported(), Solve()),
            RefusalOf(filed, File()),
            RefusalOf(solved, Solve()),
            RefusalOf(Reported(), Freeze(0m)),
            RefusalOf(Reported(), Freeze(12_000_000_000m)),
            RefusalOf(Reported(), Freeze(1.001m)),
            RefusalOf(Reported(), new IdentifySuspects(0, [], Next(), OccurredAt, Nanshan, "h")),
            RefusalOf(Reported(), new IdentifySuspects(1, [Nanshan, Nanshan], Next(), OccurredAt, Nanshan, "h")),
            RefusalOf(filed, Solve(-1)),
            RefusalOf(atProvince, EscalateTo(RegionCode.Parse("440300"))),
        };
    }

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Each_known_refusal_reads_as_a_Chinese_sentence_instead_of_the_English_rule(string english)
    {
        var shown = Describe(english);

        Assert.NotEqual(english, shown);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", shown);
        Assert.DoesNotMatch("[A-Za-z]{4,}", shown);
    }

    [Fact]
    public void The_figures_of_a_refused_return_are_kept_in_the_sentence()
    {
        var shown = Describe(RefusalOf(After(Reported(20_000m), Freeze(5_000m), Return(1_000m)), Return(4_500m)));

        Assert.Contains("4,500.00", shown);
        Assert.Contains("5,000.00", shown);
        Assert.Contains("1,000.00", shown);
    }

    [Fact]
    public void A_refused_escalation_names_the_regions_rather_than_their_codes()
    {
        var shown = Describe(RefusalOf(After(Reported(), EscalateTo(RegionCode.Parse("440000"))), EscalateTo(RegionCode.Parse("440300"))));

        Assert.Contains(Catalog.Get(RegionCode.Parse("440300")).Name, shown);
        Assert.Contains(Catalog.Get(RegionCode.Parse("440000")).Name, shown);
        Assert.DoesNotContain("440300", shown);
    }

    [Fact]
    public void A_refusal_the_page_does_not_know_is_shown_as_the_decision_worded_it()
    {
        const string unknown = "A rule added after this page was written.";

        Assert.Equal(unknown, Describe(unknown));
    }
}

/// <summary>The same sentences for English readers.</summary>
public sealed class IncidentPageRefusalInEnglishTests() : ComponentTestContext("en")
{
    [Fact]
    public void A_refused_return_reads_as_an_English_sentence_with_the_figures()
    {
        var english = RefusalOf(After(Reported(20_000m), Freeze(5_000m)), Return(6_000m));

        var shown = RefusalText.Describe(english, Services.GetRequiredService<IStringLocalizer<Text>>(), RegionCatalog.Load());

        Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}", shown);
        Assert.Contains("6,000.00", shown);
        Assert.Contains("5,000.00", shown);
    }
}
