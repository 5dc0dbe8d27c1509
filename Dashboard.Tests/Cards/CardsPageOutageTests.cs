using AntiFraud.Dashboard.Features.Cards;
using AntiFraud.Dashboard.Tests.Harness;
using AntiFraud.Dashboard.Tests.Regions;
using AntiFraud.Domain.Cards;
using AntiFraud.Domain.Regions;
using AntiFraud.Jobs;
using AntiFraud.Jobs.Cards;
using Bunit;
using Hangfire;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace AntiFraud.Dashboard.Tests.Cards;

/// <summary>The cards page when the database does not answer: a message and a way to try again, never an error page.</summary>
public sealed class CardsPageOutageTests : ComponentTestContext
{
    public CardsPageOutageTests()
    {
        UseUnreachableStore();
        Services.AddSingleton(RegionCatalog.Load());
        Services.AddSingleton<TimeProvider>(new FixedClock(CardsPageContext.Now));
        Services.AddSingleton(Options.Create(CardRules.Default()));
        Services.AddSingleton(Options.Create(new JobsOptions()));
        Services.AddSingleton<IBackgroundJobClient>(new RecordingJobClient());
        Services.AddScoped<CardDesk>();
        Services.AddSingleton<AntiFraud.Dashboard.Live.LiveFeed>();
        Services.AddLogging();
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        Render<MudPopoverProvider>();
    }

    [Fact]
    public void A_database_out_of_reach_gives_a_Chinese_message_and_a_retry_button()
    {
        var page = Render<CardsPage>();

        page.WaitForAssertion(() => Assert.Equal(nameof(CardsPage.LoadState.Unavailable), page.Find("[data-testid=cards-page]").GetAttribute("data-state")),
            TimeSpan.FromSeconds(30));
        var message = page.Find("[data-testid=cards-error]").TextContent;
        Assert.Contains("暂时无法连接数据库", message);
        Assert.DoesNotContain("Exception", message);
        Assert.DoesNotContain("Npgsql", message);
        // Nothing can be decided on cards the page could not read.
        Assert.True(page.Find("[data-testid=issue-card]").HasAttribute("disabled"));

        page.Find("[data-testid=retry]").Click();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=retry]:not([disabled])")), TimeSpan.FromSeconds(30));
        Assert.Equal(nameof(CardsPage.LoadState.Unavailable), page.Find("[data-testid=cards-page]").GetAttribute("data-state"));
    }
}
