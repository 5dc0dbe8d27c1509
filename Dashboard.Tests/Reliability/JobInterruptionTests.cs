using System.Text.Json;
using AntiFraud.Dashboard.Tests.Harness;
using AntiFraud.Domain.Cards;
using AntiFraud.Domain.Common;
using AntiFraud.Domain.Figures;
using AntiFraud.Domain.Regions;
using AntiFraud.Domain.Trends;
using AntiFraud.Jobs.Cards;
using AntiFraud.Jobs.Trends;
using Hangfire;
using Marten;
using Npgsql;
using Xunit.Abstractions;
using static AntiFraud.Dashboard.Tests.Trends.MonthData;

namespace AntiFraud.Dashboard.Tests.Reliability;

/// <summary>
/// A Hangfire job killed mid-run (SIGKILL of the worker process while the job's transaction is writing) leaves what users saw
/// before, and its next run (Hangfire's own retry of the same job, on a new worker process) gives the right result.
/// <para>
/// Hangfire hands a job whose worker vanished to another worker once the dead worker's claim is older than the storage's
/// invisibility timeout (30 minutes), and the job's <c>DisableConcurrentExecution</c> lock, a row the dead worker never deleted,
/// expires after the distributed-lock timeout (10 minutes). Instead of waiting that long the test moves both timestamps back,
/// which is all that time would do; the retry itself is Hangfire's.
/// </para>
/// </summary>
public sealed class JobInterruptionTests(ITestOutputHelper output)
{
    private static readonly TimeSpan WorkerTimeout = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Every county has 10 incidents on the first day of each of the last 14 months (last night's trends were rolled up from
    /// those), then late reports add k + 1 incidents on the second day of month k (k = 0 for the oldest, 13 for this month), so
    /// tonight's run must rewrite every one of the 13 × counties trend documents. The right result is worked out by hand (see
    /// <see cref="Expected"/>): Nanshan this month, for instance, 24 incidents, +4.35% on the month (24 against 23), +100% on
    /// the year (24 against 12), first among the Shenzhen districts, which all tie.
    /// </summary>
    [Fact]
    public async Task A_trend_roll_up_killed_while_writing_leaves_last_nights_trends_and_its_retry_writes_the_right_ones()
    {
        await using var app = await AppHost.StartAsync();
        var store = app.Services.GetRequiredService<IDocumentStore>();
        var dataSource = app.Services.GetRequiredService<NpgsqlDataSource>();
        var storage = app.Services.GetRequiredService<JobStorage>();
        var catalog = app.Services.GetRequiredService<RegionCatalog>();
        var current = RegionMonthTrend.MonthOf(ChinaTime.DayOf(DateTimeOffset.UtcNow));
        var counties = catalog.OfTier(RegionTier.County).Select(r => r.Code).ToList();
        var onTime = Months(counties, current, dayOfMonth: 1, k => 10);
        var late = Months(counties, current, dayOfMonth: 2, k => k + 1);

        await store.BulkInsertAsync(onTime);
        await RollUpAsync(app);
        var lastNight = await TrendsAsync(store);
        Assert.Equal(counties.Count * 13, lastNight.Count);
        await store.BulkInsertAsync(late);

        var trendTable = "mt_doc_" + nameof(RegionMonthTrend).ToLowerInvariant();
        var sizeBefore = await RelationBytesAsync(dataSource, app.Schema, trendTable);
        var id = app.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<TrendRollUpJob>(j => j.RunFullAsync(CancellationToken.None));
        var connectionString = await TestDatabase.ConnectionStringAsync();

        await using (var first = JobWorker.Start(app.Schema, connectionString, $"trends-first-{Guid.NewGuid():N}"))
        {
            // Killed while its transaction holds the trend table's write lock and has already written rows into it.
            await Wait.UntilAsync(async () =>
            {
                AssertStillRunning(first, storage, id);
                return await WritingAsync(dataSource, first.ApplicationName, app.Schema, trendTable, sizeBefore);
            }, WorkerTimeout, "The first worker never started writing trend documents.");
            await first.KillAsync();
            await Wait.UntilAsync(() => GoneAsync(dataSource, first.ApplicationName), TimeSpan.FromMinutes(1),
                "PostgreSQL kept the killed worker's session.");
        }

        // What users see now: every one of last night's trends, none rewritten, none missing; /hangfire shows the job still processing.
        var grownAtKill = await RelationBytesAsync(dataSource, app.Schema, trendTable) - sizeBefore;
        AssertSameTrends(lastNight, await TrendsAsync(store), "after the kill");
        Assert.Equal("Processing", StateOf(storage, id));

        await AgeAsync(dataSource, app.Schema + "_jobs", id, "%TrendRollUpJob%");
        await using (var second = JobWorker.Start(app.Schema, connectionString, $"trends-second-{Guid.NewGuid():N}"))
        {
            await Wait.UntilAsync(() =>
            {
                AssertStillRunning(second, storage, id, until: "Succeeded");
                return StateOf(storage, id) == "Succeeded";
            }, WorkerTimeout, "The second worker did not finish the interrupted roll-up.");
        }
        output.WriteLine($"Trend table grew by {grownAtKill:N0} bytes of uncommitted rows before the kill, " +
                         $"{await RelationBytesAsync(dataSource, app.Schema, trendTable) - sizeBefore:N0} bytes once the retry had written.");
        AssertSameTrends(Expected(catalog, counties, current), await TrendsAsync(store), "after the retry");
    }

    /// <summary>
    /// Every county had 1 incident and 4 dens on one day of each of the three months of the window. With the shipped rules
    /// (dens line: the value of the top 1% of counties, at least 3) every county's 12 dens reach the line of 12 and nothing else
    /// crosses its line (victims 3 against 10, perpetrators and black/grey industry 0 against 3): one yellow card per county.
    /// </summary>
    [Fact]
    public async Task A_card_evaluation_killed_while_writing_issues_no_card_and_its_retry_cards_every_county_once()
    {
        await using var app = await AppHost.StartAsync();
        var store = app.Services.GetRequiredService<IDocumentStore>();
        var dataSource = app.Services.GetRequiredService<NpgsqlDataSource>();
        var storage = app.Services.GetRequiredService<JobStorage>();
        var jobs = app.Services.GetRequiredService<IBackgroundJobClient>();
        var counties = app.Services.GetRequiredService<RegionCatalog>().OfTier(RegionTier.County).Select(r => r.Code).ToList();
        var window = CardWindow.EndingBefore(ChinaTime.DayOf(DateTimeOffset.UtcNow), 3);
        await store.BulkInsertAsync(counties.SelectMany(c => window.Months.Select(m => Day(c.ToString(), m.AddDays(4), 1, dens: 4))).ToList());

        var sizeBefore = await RelationBytesAsync(dataSource, app.Schema, "mt_events");
        var id = jobs.Enqueue<CardEvaluationJob>(j => j.RunAsync(CancellationToken.None));
        var connectionString = await TestDatabase.ConnectionStringAsync();

        await using (var first = JobWorker.Start(app.Schema, connectionString, $"cards-first-{Guid.NewGuid():N}"))
        {
            await Wait.UntilAsync(async () =>
            {
                AssertStillRunning(first, storage, id);
                return await WritingAsync(dataSource, first.ApplicationName, app.Schema, "mt_events", sizeBefore);
            }, WorkerTimeout, "The first worker never started appending card events.");
            await first.KillAsync();
            await Wait.UntilAsync(() => GoneAsync(dataSource, first.ApplicationName), TimeSpan.FromMinutes(1),
                "PostgreSQL kept the killed worker's session.");
        }

        var grownAtKill = await RelationBytesAsync(dataSource, app.Schema, "mt_events") - sizeBefore;
        // No county carded yet: not some of them.
        Assert.Equal((0, 0), await CardsAsync(store));
        Assert.Equal("Processing", StateOf(storage, id));

        await AgeAsync(dataSource, app.Schema + "_jobs", id, "%CardEvaluationJob%");
        await using var second = JobWorker.Start(app.Schema, connectionString, $"cards-second-{Guid.NewGuid():N}");
        await Wait.UntilAsync(() =>
        {
            AssertStillRunning(second, storage, id, until: "Succeeded");
            return StateOf(storage, id) == "Succeeded";
        }, WorkerTimeout, "The second worker did not finish the interrupted evaluation.");

        output.WriteLine($"Event table grew by {grownAtKill:N0} bytes of uncommitted card events before the kill, " +
                         $"{await RelationBytesAsync(dataSource, app.Schema, "mt_events") - sizeBefore:N0} bytes once the retry had written.");
        await AssertOneYellowCardPerCountyAsync(store, counties);

        // Had the first run been killed after its commit, Hangfire would run it again: that run issues nothing more.
        var again = jobs.Enqueue<CardEvaluationJob>(j => j.RunAsync(CancellationToken.None));
        await Wait.UntilAsync(() =>
        {
            AssertStillRunning(second, storage, again, until: "Succeeded");
            return StateOf(storage, again) == "Succeeded";
        }, WorkerTimeout, "The second worker did not run the evaluation again.");
        await AssertOneYellowCardPerCountyAsync(store, counties);
    }

    private static async Task AssertOneYellowCardPerCountyAsync(IDocumentStore store, IReadOnlyCollection<RegionCode> counties)
    {
        Assert.Equal((counties.Count, counties.Count), await CardsAsync(store));
        await using var session = store.QuerySession();
        var cards = await session.Query<RegionCard>().ToListAsync();
        Assert.Equal(counties.Order(), cards.Select(c => c.Region).Order());
        Assert.All(cards, c => Assert.Equal((CardLevel.Yellow, 1, CardRuleNames.OneIndicator), (c.Level, c.History.Count, c.Current?.Rule)));
    }

    /// <summary>Cards held and card-issued events stored.</summary>
    private static async Task<(int Cards, int Issued)> CardsAsync(IDocumentStore store)
    {
        await using var session = store.QuerySession();
        return (await session.Query<RegionCard>().CountAsync(), await session.Events.QueryRawEventDataOnly<CardIssued>().CountAsync());
    }

    /// <summary>One per-day document for every county in each of the 14 months up to <paramref name="current"/> (k = 0 the oldest).</summary>
    private static List<RegionDayTotals> Months(IEnumerable<RegionCode> counties, DateOnly current, int dayOfMonth, Func<int, long> incidents) =>
        counties.SelectMany(c => Enumerable.Range(0, 14).Select(k =>
            Day(c.ToString(), current.AddMonths(k - 13).AddDays(dayOfMonth - 1), incidents(k)))).ToList();

    /// <summary>
    /// The 13 trend documents of every county after both rounds of reports, from the rules users read on the trend pages: month k
    /// (1 the oldest written, 13 this month) holds 11 + k incidents, so month on month is 1 / (10 + k), year on year exists for the
    /// last two months only (12 more than twelve months before: 23 against 11, 24 against 12), no month fell, every county ties
    /// first among its siblings, and only this month is incomplete. No loss and no fraud types were reported. This month is
    /// compared over its days so far: on the 1st of a month only the first day's 10 of the month before and of a year before count.
    /// </summary>
    private static Dictionary<string, RegionMonthTrend> Expected(RegionCatalog catalog, IEnumerable<RegionCode> counties, DateOnly current)
    {
        var today = ChinaTime.DayOf(DateTimeOffset.UtcNow).Day;
        return counties.SelectMany(county => Enumerable.Range(1, 13).Select(k =>
        {
            var month = current.AddMonths(k - 13);
            var onlyFirstDays = k == 13 && today == 1;
            return new RegionMonthTrend
            {
                Id = RegionMonthTrend.IdOf(county, month),
                Region = county,
                Month = month,
                Figures = MonthFigures.Zero with { Incidents = 11 + k },
                MonthOnMonth = onlyFirstDays ? 1.4 : Math.Round(1.0 / (10 + k), 4),
                YearOnYear = onlyFirstDays ? 1.4 : k >= 12 ? Math.Round(12.0 / (k - 1), 4) : null,
                LossMonthOnMonth = null,
                TypeMonthOnMonth = [],
                Rank = 1,
                Siblings = catalog.Get(county).Parent!.Children.Count,
                DeclineStreak = 0,
                Complete = k < 13,
                ComparedThroughDay = k == 13 ? today : null,
            };
        })).ToDictionary(t => t.Id);
    }

    private static async Task RollUpAsync(AppHost app)
    {
        using var scope = app.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<TrendRollUpJob>().RunFullAsync(CancellationToken.None);
    }

    private static async Task<Dictionary<string, RegionMonthTrend>> TrendsAsync(IDocumentStore store)
    {
        await using var session = store.QuerySession();
        return (await session.Query<RegionMonthTrend>().ToListAsync()).ToDictionary(t => t.Id);
    }

    private static void AssertSameTrends(Dictionary<string, RegionMonthTrend> expected, Dictionary<string, RegionMonthTrend> actual, string when)
    {
        var missing = expected.Keys.Except(actual.Keys).Take(5).ToList();
        var extra = actual.Keys.Except(expected.Keys).Take(5).ToList();
        var different = expected.Where(e => actual.TryGetValue(e.Key, out var a) && !a.SameAs(e.Value)).Select(e => e.Key).Take(5).ToList();
        var example = different.Count == 0 ? ""
            : $" First difference: expected {JsonSerializer.Serialize(expected[different[0]])}, found {JsonSerializer.Serialize(actual[different[0]])}.";
        Assert.True(missing.Count == 0 && extra.Count == 0 && different.Count == 0,
            $"Trends {when}: {expected.Count} expected, {actual.Count} found; missing {string.Join(", ", missing)}; " +
            $"unexpected {string.Join(", ", extra)}; different {string.Join(", ", different)}.{example}");
    }

    private static string? StateOf(JobStorage storage, string id)
    {
        using var connection = storage.GetConnection();
        return connection.GetStateData(id)?.Name;
    }

    /// <summary>Fails at once (rather than at the timeout) when the worker died or the job ended otherwise than <paramref name="until"/>.</summary>
    private static void AssertStillRunning(JobWorker worker, JobStorage storage, string id, string? until = null)
    {
        if (worker.HasExited) Assert.Fail($"The worker exited on its own: {worker.Output}");
        var state = StateOf(storage, id);
        if (state is "Succeeded" or "Failed" or "Deleted" && state != until)
            Assert.Fail($"Job {id} is {state} before the test could interrupt it; the worker wrote: {worker.Output}");
    }

    /// <summary>The worker's open transaction holds the table's write lock and the table has grown: rows written, not yet committed.</summary>
    private static async Task<bool> WritingAsync(NpgsqlDataSource dataSource, string applicationName, string schema, string table, long sizeBefore)
    {
        await using var command = dataSource.CreateCommand("""
            select exists (
                select 1 from pg_locks l
                join pg_stat_activity a on a.pid = l.pid
                join pg_class c on c.oid = l.relation
                join pg_namespace n on n.oid = c.relnamespace
                where a.application_name = $1 and n.nspname = $2 and c.relname = $3 and l.mode = 'RowExclusiveLock' and l.granted)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = applicationName });
        command.Parameters.Add(new NpgsqlParameter { Value = schema });
        command.Parameters.Add(new NpgsqlParameter { Value = table });
        return (bool)(await command.ExecuteScalarAsync())! && await RelationBytesAsync(dataSource, schema, table) > sizeBefore;
    }

    private static async Task<long> RelationBytesAsync(NpgsqlDataSource dataSource, string schema, string table)
    {
        await using var command = dataSource.CreateCommand("select pg_relation_size(format('%I.%I', $1::text, $2::text)::regclass)");
        command.Parameters.Add(new NpgsqlParameter { Value = schema });
        command.Parameters.Add(new NpgsqlParameter { Value = table });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<bool> GoneAsync(NpgsqlDataSource dataSource, string applicationName)
    {
        await using var command = dataSource.CreateCommand("select count(*) from pg_stat_activity where application_name = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = applicationName });
        return (long)(await command.ExecuteScalarAsync())! == 0;
    }

    /// <summary>What 30 minutes would do: the dead worker's claim on the job and its concurrency lock become old enough to be taken over.</summary>
    private async Task AgeAsync(NpgsqlDataSource dataSource, string jobsSchema, string jobId, string lockResource)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand(
            $"""update "{jobsSchema}"."jobqueue" set "fetchedat" = "fetchedat" - interval '31 minutes' where "jobid" = $1 and "fetchedat" is not null""")
        {
            Parameters = { new NpgsqlParameter { Value = long.Parse(jobId, System.Globalization.CultureInfo.InvariantCulture) } },
        });
        batch.BatchCommands.Add(new NpgsqlBatchCommand(
            $"""update "{jobsSchema}"."lock" set "acquired" = "acquired" - interval '11 minutes' where "resource" like $1""")
        {
            Parameters = { new NpgsqlParameter { Value = lockResource } },
        });
        await batch.ExecuteNonQueryAsync();
        output.WriteLine($"Aged the claim on job {jobId} ({batch.BatchCommands[0].RecordsAffected} row) and the lock {lockResource} " +
                         $"({batch.BatchCommands[1].RecordsAffected} row) left by the killed worker.");
        Assert.Equal(1, batch.BatchCommands[0].RecordsAffected);
    }
}
