using System.Diagnostics;
using AntiFraud.Benchmarks.Harness;
using AntiFraud.Benchmarks.Server;
using AntiFraud.Domain.Cards;
using AntiFraud.Domain.Common;
using AntiFraud.Domain.Regions;
using AntiFraud.Jobs.Cards;
using AntiFraud.Jobs.Trends;
using JasperFx;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AntiFraud.Benchmarks.Suites;

/// <summary>
/// The periodic jobs over thirteen months of national history: the app's own <c>backfill --months 13</c> fills a throwaway
/// cluster, then the trend roll-up and the card evaluation run here, as a worker would run them, first on fresh data and then
/// again (the rerun must write nothing).
/// </summary>
public sealed class JobsSuite : IBenchmarkSuite
{
    public string Name => "jobs";
    public string Title => "Periodic jobs: trends and cards";

    public async Task RunAsync(SuiteContext context)
    {
        var output = context.Output;
        var months = context.Measurer == Measurer.Quick ? 3 : 13;
        await using var server = await DashboardServer.StartAsync(app: false);

        var started = Stopwatch.GetTimestamp();
        await server.RunCommandAsync(TimeSpan.FromMinutes(60), "backfill", "--months", months.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var backfill = Stopwatch.GetElapsedTime(started);

        await using var services = Services(server.ConnectionString);
        long dayDocuments;
        await using (var connection = await server.OpenDatabaseAsync())
        await using (var count = new NpgsqlCommand($"select count(*) from {DashboardServer.Schema}.mt_doc_regiondaytotals", connection))
            dayDocuments = (long)(await count.ExecuteScalarAsync())!;
        output.WriteLine($"History: {months} months from the app's backfill in {backfill.TotalSeconds:0} s, {dayDocuments:N0} per-day roll-up documents.");
        output.WriteLine();

        var table = new MarkdownTable("job", "time:", "target:", "result", "what it did");
        async Task<T> Timed<T>(string name, double? targetSeconds, Func<Task<T>> run, Func<T, string> describe)
        {
            await using var scope = services.CreateAsyncScope();
            var before = Stopwatch.GetTimestamp();
            var result = await run();
            var seconds = Stopwatch.GetElapsedTime(before).TotalSeconds;
            table.Add(name, $"{seconds:0.00} s", targetSeconds is { } t ? $"≤ {t:0} s" : "—",
                targetSeconds is { } limit ? (seconds <= limit ? "met" : "MISSED") : "—", describe(result));
            return result;
        }

        TrendRollUpJob Trends() => ActivatorUtilities.CreateInstance<TrendRollUpJob>(services);
        CardEvaluationJob Cards() => ActivatorUtilities.CreateInstance<CardEvaluationJob>(services);
        static string DescribeTrends(TrendRollUpResult r) => $"{r.FromMonth:yyyy-MM}..{r.ToMonth:yyyy-MM}: {r.Computed:N0} region-months, {r.Written:N0} written";
        static string DescribeCards(CardEvaluationResult r) =>
            $"{r.RegionsRead:N0} counties; {r.Issued} issued, {r.Escalated} escalated, {r.Lifted} lifted; lines " +
            string.Join(", ", r.Lines.Select(l => $"{l.Key} {l.Value}"));

        await Timed("trend roll-up, 13 months (first run)", 60, () => Trends().RunFullAsync(CancellationToken.None), DescribeTrends);
        await Timed("trend roll-up, 13 months (rerun)", 60, () => Trends().RunFullAsync(CancellationToken.None), DescribeTrends);
        await Timed("trend roll-up, hourly (this month and last)", null, () => Trends().RunRecentAsync(CancellationToken.None), DescribeTrends);
        await Timed("card evaluation, all counties (first run)", 10, () => Cards().RunAsync(CancellationToken.None), DescribeCards);
        await Timed("card evaluation, all counties (rerun)", 10, () => Cards().RunAsync(CancellationToken.None), DescribeCards);
        table.WriteTo(output);
    }

    /// <summary>What a jobs worker has: the store with the domain's projections, the region catalogue, the rules from appsettings.json.</summary>
    private static ServiceProvider Services(string connectionString)
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json")).Build();
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddNpgsqlDataSource(connectionString);
        services.AddMarten(o =>
        {
            o.DatabaseSchemaName = DashboardServer.Schema;
            o.Events.DatabaseSchemaName = DashboardServer.Schema;
            o.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
            o.RegisterDomain();
        }).UseNpgsqlDataSource().UseLightweightSessions();
        services.AddSingleton(RegionCatalog.Load());
        services.AddSingleton(TimeProvider.System);
        var rules = configuration.GetSection(CardRules.Section).Get<CardRules>() ?? CardRules.Default();
        services.AddSingleton(Options.Create(rules));
        return services.BuildServiceProvider();
    }
}
