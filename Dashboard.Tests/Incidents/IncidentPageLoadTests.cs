using AntiFraud.Dashboard.Features.Incidents;
using AntiFraud.Dashboard.Tests.Harness;
using AntiFraud.Domain.Incidents;
using AntiFraud.Domain.Regions;
using Bunit;
using Marten;
using MudBlazor;

namespace AntiFraud.Dashboard.Tests.Incidents;

/// <summary>The incident page when there is no incident to show: a wrong address, or a database out of reach.</summary>
public sealed class IncidentPageLoadTests : ComponentTestContext
{
    public IncidentPageLoadTests()
    {
        var store = UseUnreachableStore();
        var catalog = RegionCatalog.Load();
        Services.AddSingleton(catalog);
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton(new IncidentLedger(store, catalog, TimeProvider.System));
        Render<MudPopoverProvider>();
    }

    [Theory]
    [InlineData("not-an-id")]
    [InlineData("12345")]
    [InlineData("<b>x</b>")]
    public void An_address_that_holds_no_incident_id_says_so_without_touching_the_database(string id)
    {
        var page = Render<IncidentPage>(p => p.Add(x => x.Id, id));

        var error = page.Find("[data-testid=incident-error]");
        Assert.Contains(id, error.TextContent);
        Assert.Empty(page.FindAll("b"));
        Assert.Equal(nameof(IncidentPage.LoadState.Malformed), page.Find("[data-state]").GetAttribute("data-state"));
        Assert.NotNull(page.Find("a[href='regions/000000']"));
    }

    [Fact]
    public void A_database_out_of_reach_gives_a_clear_message_and_a_way_to_try_again_not_an_error_page()
    {
        var page = Render<IncidentPage>(p => p.Add(x => x.Id, Guid.NewGuid().ToString()));

        page.WaitForAssertion(() => Assert.Equal(nameof(IncidentPage.LoadState.Unavailable), page.Find("[data-state]").GetAttribute("data-state")), TimeSpan.FromSeconds(20));
        var message = page.Find("[data-testid=incident-error]").TextContent;
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", message);
        Assert.DoesNotContain("Exception", message);
        Assert.DoesNotContain("Npgsql", message);

        page.Find("[data-testid=retry]").Click();
        page.WaitForAssertion(() => Assert.Equal(nameof(IncidentPage.LoadState.Unavailable), page.Find("[data-state]").GetAttribute("data-state")), TimeSpan.FromSeconds(20));
        Assert.NotNull(page.Find("[data-testid=retry]:not([disabled])"));
    }
}
