using AntiFraud.Dashboard.Access;
using AntiFraud.Dashboard.Features.Regions;
using AntiFraud.Dashboard.Localization;
using AntiFraud.Domain.Briefings;
using AntiFraud.Domain.Regions;
using AntiFraud.Jobs.Briefings;
using Hangfire;
using Marten;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace AntiFraud.Dashboard.Features.Briefings;

/// <summary>
/// The briefings written so far, newest first, filtered by region and day; an empty list says why it is empty. Administrators
/// (people at the server itself, as for the job dashboard) can have yesterday's briefings written now.
/// </summary>
public partial class BriefingList : ComponentBase
{
    public const int MaxRows = 100;

    [Inject] private IDocumentStore Store { get; set; } = null!;
    [Inject] private RegionCatalog Catalog { get; set; } = null!;
    [Inject] private IOptions<BriefingOptions> Options { get; set; } = null!;
    [Inject] private IBackgroundJobClient Jobs { get; set; } = null!;
    [Inject] private TimeProvider Clock { get; set; } = null!;
    [Inject] private IStringLocalizer<Text> T { get; set; } = null!;
    [Inject] private ILogger<BriefingList> Logger { get; set; } = null!;

    [CascadingParameter] private HttpContext? HttpContext { get; set; }

    [Inject] private AntiFraud.Dashboard.Access.CurrentUser User { get; set; } = null!;

    /// <summary>Decided from the first request (the prerender) and carried into the live circuit.</summary>
    [PersistentState] public bool IsAdministrator { get; set; }

    private IReadOnlyList<Region> _regions = [];
    private string _region = "";
    private DateTime? _day;
    private List<Briefing>? _items;
    private bool _anyStored;
    private bool _loading;
    private bool _unavailable;
    private string? _notice;
    private Severity _noticeSeverity = Severity.Success;

    /// <summary>The briefing's region in the reader's language (the stored name is the Chinese one it was written with).</summary>
    private string NameOf(Briefing b) => Catalog.TryGet(b.Region, out var region) ? region.DisplayName : b.RegionName;

    private string State => _loading ? "loading" : _unavailable ? "error" : _items is null ? "idle" : "ready";

    protected override async Task OnInitializedAsync()
    {
        // Analysts (and administrators) may have yesterday's briefings written now.
        if (HttpContext is { } http)
            IsAdministrator = http.User.Has(Domain.Access.AccessRole.Analyst) || http.User.Has(Domain.Access.AccessRole.Administrator);
        // Only briefings of regions inside the person's jurisdiction are listed.
        var own = await User.JurisdictionAsync();
        _regions = Options.Value.RegionsIn(Catalog).Where(r => own is { } j && r.IsWithin(j)).Select(Catalog.Get).ToList();
        await LoadAsync();
    }

    private async Task OnRegionChangedAsync(string region)
    {
        _region = region;
        await LoadAsync();
    }

    private async Task OnDayChangedAsync(DateTime? day)
    {
        _day = day;
        await LoadAsync();
    }

    private async Task ClearAsync()
    {
        _region = "";
        _day = null;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _loading = true;
        _unavailable = false;
        try
        {
            await using var session = Store.QuerySession();
            var shown = _region.Length > 0 ? _regions.Where(r => r.Code.ToString() == _region).ToList() : _regions;
            var items = new List<Briefing>();
            foreach (var region in shown)
            {
                var prefix = region.Code + ":";
                var query = session.Query<Briefing>().Where(b => b.Id.StartsWith(prefix));
                if (_day is { } d)
                {
                    var day = DateOnly.FromDateTime(d);
                    query = query.Where(b => b.Day == day);
                }
                items.AddRange(await query.OrderByDescending(b => b.Day).Take(MaxRows + 1).ToListAsync());
            }
            _items = items.OrderByDescending(b => b.Day).ThenBy(b => b.Id).Take(MaxRows + 1).ToList();
            _anyStored = _items.Count > 0 || await session.Query<Briefing>().AnyAsync();
        }
        catch (Exception e) when (DatabaseTrouble.IsUnavailable(e))
        {
            Logger.LogWarning(e, "The briefings could not be read");
            _unavailable = true;
            _items = null;
        }
        _loading = false;
    }

    private void RunNow()
    {
        if (!IsAdministrator) return;
        var yesterday = DailyBriefingJob.Yesterday(Clock);
        try
        {
            Jobs.Enqueue<DailyBriefingJob>(j => j.RunAsync(CancellationToken.None));
            _notice = T["Briefings.Queued", BriefingAddress.Iso(yesterday)];
            _noticeSeverity = Severity.Success;
        }
        catch (Exception e) when (DatabaseTrouble.IsUnavailable(e))
        {
            Logger.LogWarning(e, "The briefing job could not be queued");
            _notice = T["Briefings.QueueFailed"];
            _noticeSeverity = Severity.Error;
        }
    }
}
