using System.Diagnostics;
using System.Text;
using AntiFraud.Dashboard.Tests.Harness;
using AntiFraud.Domain.Cards;
using AntiFraud.Domain.Common;
using AntiFraud.Domain.Regions;
using AntiFraud.Jobs.Cards;
using Hangfire;
using Marten;
using static AntiFraud.Dashboard.Tests.Trends.MonthData;

namespace AntiFraud.Dashboard.Tests.Jobs;

/// <summary>
/// The jobs on their own: <c>AntiFraud.Jobs.dll</c> as a separate process on the same database, working what a web node
/// (whose own Hangfire server is off) puts in the queue.
/// </summary>
public sealed class WorkerProcessTests
{
    [Fact]
    public async Task A_separate_worker_process_works_the_card_evaluation_queued_by_a_web_node()
    {
        await using var app = await AppHost.StartAsync();
        var store = app.Services.GetRequiredService<IDocumentStore>();
        var window = CardWindow.EndingBefore(ChinaTime.DayOf(DateTimeOffset.UtcNow), 3);
        await StoreAsync(store, [.. window.Months.Select(m => Day("440305", m.AddDays(4), 1, dens: 5))]);

        using var worker = Worker(app.Schema, await TestDatabase.ConnectionStringAsync());
        var output = new StringBuilder();
        worker.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        worker.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        worker.BeginOutputReadLine();
        worker.BeginErrorReadLine();
        try
        {
            var id = app.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<CardEvaluationJob>(j => j.RunAsync(CancellationToken.None));

            var storage = app.Services.GetRequiredService<JobStorage>();
            await Wait.UntilAsync(() =>
            {
                if (worker.HasExited) throw new InvalidOperationException("The worker exited: " + output);
                using var connection = storage.GetConnection();
                return connection.GetStateData(id)?.Name == "Succeeded";
            }, TimeSpan.FromSeconds(90), "The worker did not finish the card evaluation within 90 seconds.");

            var processing = storage.GetMonitoringApi().JobDetails(id).History.Single(h => h.StateName == "Processing");
            Assert.Contains($":{worker.Id}:", processing.Data["ServerId"] + ":");
            await using var session = store.QuerySession();
            var card = await session.LoadAsync<RegionCard>(RegionCard.StreamIdOf(RegionCode.Parse("440305")));
            Assert.Equal(CardLevel.Yellow, card?.Level);
        }
        finally
        {
            worker.Kill(entireProcessTree: true);
            await worker.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task Without_a_database_the_worker_says_what_it_needs_and_stops()
    {
        var start = Start();
        start.Environment["ConnectionStrings__Marten"] = "";
        using var worker = Process.Start(start)!;
        var error = await worker.StandardError.ReadToEndAsync();
        await worker.WaitForExitAsync();

        Assert.Equal(1, worker.ExitCode);
        Assert.Contains("ConnectionStrings__Marten", error);
        Assert.DoesNotContain("   at ", error);
    }

    private static ProcessStartInfo Start()
    {
        var start = AppProcess.StartInfo(AppProcess.Jobs);
        start.Environment["DOTNET_ENVIRONMENT"] = "Testing";
        return start;
    }

    private static Process Worker(string schema, string connectionString)
    {
        var start = Start();
        start.Environment["ConnectionStrings__Marten"] = connectionString;
        start.Environment["Marten__Schema"] = schema;
        start.Environment["Jobs__Schema"] = schema + "_jobs";
        start.Environment["Jobs__Schedule"] = "false";
        return Process.Start(start)!;
    }
}
