using System.Diagnostics;
using AntiFraud.Benchmarks.Harness;
using AntiFraud.Dashboard.Hosting.Embedded;
using AntiFraud.Domain.Briefings;
using AntiFraud.Domain.Cards;
using AntiFraud.Domain.Common;
using AntiFraud.Domain.Figures;
using AntiFraud.Domain.Incidents;
using AntiFraud.Domain.Regions;
using AntiFraud.Domain.Trends;
using AntiFraud.Jobs.Briefings;
using JasperFx;
using Marten;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AntiFraud.Benchmarks.Suites;

/// <summary>
/// The 08:00 run: briefings for the nation and all 31 provinces over a busy day, against a throwaway PostgreSQL holding 31 days of
/// roll-ups for every province and city, the day's incidents and a card per county in a tenth of the counties. Target: the whole
/// run (gathering, storing and one PDF per briefing) within 30 s.
/// </summary>
public sealed class BriefingsSuite : IBenchmarkSuite
{
    private const double TargetSeconds = 30;

    public string Name => "briefings";
    public string Title => "Briefings: the nation and every province";

    public async Task RunAsync(SuiteContext context)
    {
        var output = context.Output;
        var quick = context.Measurer == Measurer.Quick;
        var incidentsPerDay = quick ? 5_000 : 43_200;
        var folder = Path.Combine(Path.GetTempPath(), $"antifraud-bench-briefings-{Environment.ProcessId}-{Guid.NewGuid():N}");
        var cluster = new PostgresCluster(Path.Combine(folder, "data"));
        try
        {
            await cluster.StartAsync();
            using var store = DocumentStore.For(o =>
            {
                o.Connection(cluster.ConnectionString());
                o.DatabaseSchemaName = "bench_briefings";
                o.Events.DatabaseSchemaName = "bench_briefings";
                o.AutoCreateSchemaObjects = AutoCreate.All;
                o.RegisterDomain();
            });
            await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();

            var catalog = RegionCatalog.Load();
            var day = ChinaTime.DayOf(DateTimeOffset.UtcNow).AddDays(-1);
            var seeded = Stopwatch.StartNew();
            var (documents, incidents) = await SeedAsync(store, catalog, day, incidentsPerDay);
            output.WriteLine();
            output.WriteLine($"Data: {Units.Count(documents)} day roll-ups (nation, provinces and cities over 31 days), {Units.Count(incidents)} incidents on the day, " +
                             $"cards and February-style trends; seeded in {seeded.Elapsed.TotalSeconds:0.0} s.");

            var options = Options.Create(new BriefingOptions());
            var job = new DailyBriefingJob(store, new BriefingGatherer(catalog), catalog, new BriefingMailer(options, NullLogger<BriefingMailer>.Instance),
                options, new FixedClock(ChinaTime.StartOf(day.AddDays(1)).AddHours(8)), NullLogger<DailyBriefingJob>.Instance);

            var table = new MarkdownTable("run", "briefings", "written", "gather + store:", "PDFs:", "total:", "target", "meets target");
            foreach (var run in new[] { "first run (cold: JIT, fonts, empty store)", "second run (unchanged: writes nothing)" })
            {
                var started = Stopwatch.StartNew();
                var result = await job.WriteAsync(day, CancellationToken.None);
                var stored = started.Elapsed;
                await using var session = store.QuerySession();
                var briefings = await session.Query<Briefing>().Where(b => b.Day == day).ToListAsync();
                var pdfBytes = briefings.Sum(b => (long)BriefingPdf.Render(b, BriefingLanguage.Chinese).Length);
                var total = started.Elapsed;
                table.Add(run, Units.Count(result.Regions), Units.Count(result.Written), $"{stored.TotalSeconds:0.00} s",
                    $"{(total - stored).TotalSeconds:0.00} s ({Units.Size(pdfBytes)})", $"{total.TotalSeconds:0.00} s",
                    $"≤ {TargetSeconds:0} s", total.TotalSeconds <= TargetSeconds ? "yes" : "**no**");
            }
            output.WriteLine();
            table.WriteTo(output);
            output.WriteLine();
            output.WriteLine("Gathering reads every region's 31 days and its children's last two in one round trip, then two incident queries per " +
                             "region; the PDFs (Chinese, two charts each) are rendered one after the other on one thread.");
        }
        finally
        {
            await cluster.StopAsync();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static async Task<(int Documents, int Incidents)> SeedAsync(IDocumentStore store, RegionCatalog catalog, DateOnly day, int incidentsPerDay)
    {
        var random = new Random(2026);
        var types = Enum.GetValues<FraudType>();
        var counties = catalog.OfTier(RegionTier.County).ToArray();
        var start = ChinaTime.StartOf(day);

        var incidents = Enumerable.Range(0, incidentsPerDay).Select(i =>
        {
            var county = counties[random.Next(counties.Length)].Code;
            return new IncidentDetails
            {
                Id = Guid.NewGuid(), ExternalId = $"bench-{i}", County = county, CountyNumber = county.Value, ReportedBy = county,
                OccurredAt = start.AddSeconds(random.Next(86_400)), ReportedAt = start.AddSeconds(86_399), FraudType = types[random.Next(types.Length)],
                LossAmount = Math.Round((decimal)Math.Exp(random.NextDouble() * 12 + 4), 2),
                Victim = new Victim(AgeBand.From30To44, random.Next(20) == 0 ? Occupation.FinanceStaff : Occupation.Employee),
            };
        }).ToList();
        await store.BulkInsertAsync(incidents);

        // Roll-ups: each day's incidents spread over the regions that have counties, scaled so the nation sees about the same each day.
        var regions = catalog.Subtree(catalog.Root).ToArray().Where(r => r.Tier != RegionTier.County).ToList();
        var totals = new List<RegionDayTotals>();
        foreach (var d in RegionFigures.Days(day.AddDays(-30), day))
        {
            var byCounty = d == day
                ? incidents.GroupBy(i => i.County).ToDictionary(g => g.Key, g => (Count: (long)g.Count(), Loss: g.Sum(i => i.LossAmount)))
                : counties.Where(_ => random.Next(3) == 0).ToDictionary(c => c.Code, _ => (Count: (long)random.Next(1, 40), Loss: (decimal)random.Next(10_000, 2_000_000)));
            foreach (var region in regions)
            {
                var inside = byCounty.Where(kv => kv.Key.IsWithin(region.Code)).ToList();
                var count = inside.Sum(kv => kv.Value.Count);
                totals.Add(new RegionDayTotals
                {
                    Id = RegionDayTotals.IdOf(region.Code, d), Region = region.Code, Day = d, Incidents = count,
                    IncidentsByType = types.ToDictionary(t => t, t => count / types.Length),
                    Loss = inside.Sum(kv => kv.Value.Loss), WarningsIssued = count * 3, WarningsCalledBack = count * 2, Dissuaded = count,
                    CallBackMinutes = new() { [4] = count, [12] = count },
                });
            }
        }
        await store.BulkInsertAsync(totals);

        await using var session = store.LightweightSession();
        foreach (var county in counties.Where((_, i) => i % 10 == 0))
        {
            session.Events.StartStream(RegionCard.StreamIdOf(county.Code), new CardIssued(county.Code, CardLevel.Yellow, "victims", [],
                day.AddDays(-30), day.AddDays(-1), CardDecidedBy.Rules, RegionCode.National, "受骗群众多", start.AddHours(random.Next(24) - 24 * random.Next(2))));
        }
        var month = RegionMonthTrend.MonthOf(day.AddDays(1)).AddMonths(-1);
        session.Store(regions.Select(r => new RegionMonthTrend
        {
            Id = RegionMonthTrend.IdOf(r.Code, month), Region = r.Code, Month = month, DeclineStreak = random.Next(4), Complete = true,
        }).ToArray());
        await session.SaveChangesAsync();
        return (totals.Count, incidents.Count);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
    }
}
