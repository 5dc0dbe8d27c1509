using AntiFraud.Dashboard.Features.Cards;
using AntiFraud.Dashboard.Live;
using AntiFraud.Dashboard.Tests.Harness;
using AntiFraud.Dashboard.Tests.Regions;
using AntiFraud.Domain.Cards;
using AntiFraud.Domain.Common;
using AntiFraud.Domain.Regions;
using AntiFraud.Jobs;
using AntiFraud.Jobs.Cards;
using Bunit;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Marten;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace AntiFraud.Dashboard.Tests.Cards;

/// <summary>
/// The cards page on a store of its own in the run's PostgreSQL, with the shipped rules, a clock fixed at 20 November 2026
/// and a job client that only records what was queued.
/// </summary>
public abstract class CardsPageContext : ComponentTestContext
{
    public static readonly DateTimeOffset Now = new(2026, 11, 20, 10, 0, 0, TimeSpan.FromHours(8));
    public static readonly DateTimeOffset Evaluated = new(2026, 11, 2, 0, 30, 0, TimeSpan.FromHours(8));
    public static readonly DateOnly WindowFrom = new(2026, 8, 1), WindowTo = new(2026, 10, 31);
    public static readonly RegionCode Nanshan = RegionCode.Parse("440305"), Baoan = RegionCode.Parse("440306"), Haidian = RegionCode.Parse("110108");

    protected readonly RecordingJobClient JobClient = new();
    protected readonly IRenderedComponent<MudDialogProvider> DialogProvider;

    protected CardsPageContext(string culture = "zh-CN") : base(culture)
    {
        UseStore("cards");
        Services.AddSingleton(RegionCatalog.Load());
        Services.AddSingleton<TimeProvider>(new FixedClock(Now));
        Services.AddSingleton(Options.Create(CardRules.Default()));
        Services.AddSingleton(Options.Create(new JobsOptions()));
        Services.AddSingleton<IBackgroundJobClient>(JobClient);
        Services.AddScoped<CardDesk>();
        Services.AddSingleton<LiveFeed>();
        Services.AddLogging();
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        Render<MudPopoverProvider>();
        DialogProvider = Render<MudDialogProvider>();
    }

    protected IDocumentStore Store => Services.GetRequiredService<IDocumentStore>();

    /// <summary>The node's relay, where committed card events are published for open pages.</summary>
    protected LiveFeed Feed => Services.GetRequiredService<LiveFeed>();

    /// <summary>Appends card events to each region's card stream, as the nightly rules or another commander would.</summary>
    protected async Task AppendAsync(params ICardEvent[] events)
    {
        await using var session = Store.LightweightSession();
        foreach (var e in events) session.Events.Append(RegionCard.StreamIdOf(e.Region), e);
        await session.SaveChangesAsync();
    }

    /// <summary>The card as stored now.</summary>
    protected async Task<RegionCard?> CardOfAsync(RegionCode region)
    {
        await using var session = Store.QuerySession();
        return await session.LoadAsync<RegionCard>(RegionCard.StreamIdOf(region));
    }

    /// <summary>The page at /cards (or /cards?region=…), once it has read the cards.</summary>
    protected IRenderedComponent<CardsPage> RenderPage(string? region = null)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(region is null ? "cards" : $"cards?region={region}");
        var page = Render<CardsPage>();
        page.WaitForAssertion(() => Assert.NotEqual(nameof(CardsPage.LoadState.Loading), State(page)), TimeSpan.FromSeconds(30));
        return page;
    }

    protected static string State(IRenderedComponent<CardsPage> page) => page.Find("[data-testid=cards-page]").GetAttribute("data-state")!;

    /// <summary>The regions of the active table in the order shown, with their level.</summary>
    protected static List<(string Region, string Level)> ActiveRows(IRenderedComponent<CardsPage> page) =>
        page.FindAll("[data-testid=card-row]").Select(r => (r.GetAttribute("data-region")!, r.GetAttribute("data-level")!)).ToList();

    /// <summary>The history in the order shown: region and change.</summary>
    protected static List<(string Region, string Change)> HistoryRows(IRenderedComponent<CardsPage> page) =>
        page.FindAll("[data-testid=history-row]").Select(r => (r.GetAttribute("data-region")!, r.GetAttribute("data-change")!)).ToList();

    /// <summary>The explanation shown in the active table's row of <paramref name="region"/>.</summary>
    protected static string ExplanationOf(IRenderedComponent<CardsPage> page, RegionCode region) =>
        page.Find($"[data-testid=card-row][data-region='{region}']").Closest("tr")!.QuerySelector("[data-testid=card-explanation]")!.TextContent;

    /// <summary>Types into a dialog field as the browser reports it: on change, or on every keystroke for fields that follow typing.</summary>
    protected void Type(string field, string text)
    {
        var input = DialogProvider.WaitForElement($"[data-testid={field}]");
        if (input.HasAttribute("blazor:onchange")) input.Change(text);
        else input.Input(text);
    }

    protected void Submit() => DialogProvider.Find("[data-testid=card-submit]").Click();

    protected bool DialogOpen => DialogProvider.FindAll("[data-testid=card-dialog]").Count == 1;

    public static CardIssued YellowForDens(RegionCode region, long dens = 12, long line = 5) =>
        new(region, CardLevel.Yellow, CardRuleNames.OneIndicator,
            [Reading(CardIndicator.Dens, dens, line, [4, 4, dens - 8]), Reading(CardIndicator.Victims, 6, 10, [2, 2, 2])],
            WindowFrom, WindowTo, CardDecidedBy.Rules, RegionCode.National, "", Evaluated);

    public static CardIssued RedForDensAndVictims(RegionCode region, DateTimeOffset? at = null) =>
        new(region, CardLevel.Red, CardRuleNames.SeveralIndicators,
            [Reading(CardIndicator.Dens, 12, 5, [4, 4, 4]), Reading(CardIndicator.Victims, 40, 10, [15, 15, 10])],
            WindowFrom, WindowTo, CardDecidedBy.Rules, RegionCode.National, "", at ?? Evaluated.AddMinutes(1));

    private static IndicatorReading Reading(CardIndicator indicator, long value, long line, long[] byMonth) =>
        new(indicator, value, line, value >= line, byMonth);
}

/// <summary>Records the jobs a page queues instead of storing them; nothing works them.</summary>
public sealed class RecordingJobClient : IBackgroundJobClient
{
    public List<Job> Queued { get; } = [];

    public string Create(Job job, IState state)
    {
        lock (Queued) Queued.Add(job);
        return Queued.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public bool ChangeState(string jobId, IState state, string expectedState) => true;
}
