using System.Net;
using AntiFraud.Dashboard.Tests.Harness;
using AntiFraud.Domain.Access;
using AntiFraud.Jobs;
using AntiFraud.Jobs.Trends;
using Hangfire;
using Hangfire.Storage;

namespace AntiFraud.Dashboard.Tests.Jobs;

/// <summary>Hangfire as the centre runs it: schedules read in China time, the dashboard for administrators only, jobs worked for real.</summary>
public sealed class BackgroundJobsTests
{
    private static RecurringJobDto Recurring(AppHost app, string id)
    {
        using var connection = app.Services.GetRequiredService<JobStorage>().GetConnection();
        return Assert.Single(connection.GetRecurringJobs(), j => j.Id == id);
    }

    [Fact]
    public async Task The_daily_briefing_runs_at_eight_in_China_which_is_midnight_UTC()
    {
        await using var app = await AppHost.StartAsync(settings: new Dictionary<string, string?> { ["Jobs:Schedule"] = "true" });

        var briefing = Recurring(app, JobsHosting.Recurring.Briefings);
        Assert.Equal("0 8 * * *", briefing.Cron);
        Assert.Equal("Asia/Shanghai", briefing.TimeZoneId);
        var next = Assert.IsType<DateTime>(briefing.NextExecution);
        Assert.Equal(TimeSpan.Zero, next.TimeOfDay);
        Assert.InRange(next - DateTime.UtcNow, TimeSpan.Zero, TimeSpan.FromDays(1));

        var cards = Recurring(app, JobsHosting.Recurring.Cards);
        Assert.Equal(new TimeSpan(16, 30, 0), Assert.IsType<DateTime>(cards.NextExecution).TimeOfDay);
        Assert.Equal(new[] { JobsHosting.Recurring.HourlyTrends, JobsHosting.Recurring.NightlyTrends },
            new[] { Recurring(app, JobsHosting.Recurring.HourlyTrends).Id, Recurring(app, JobsHosting.Recurring.NightlyTrends).Id });
    }

    [Fact]
    public async Task The_jobs_dashboard_is_for_administrators_only()
    {
        await using var app = await AppHost.StartAsync();
        var nobody = await app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetAsync("/hangfire");
        Assert.True(nobody.StatusCode == HttpStatusCode.Unauthorized, $"{(int)nobody.StatusCode} {nobody.Headers.Location} {await nobody.Content.ReadAsStringAsync()}");

        var officer = await app.CreateUserAsync("province-officer", "440000", AccessRole.DutyOfficer, AccessRole.Commander);
        using var officerHttp = await app.SignedInClientAsync(officer);
        Assert.Equal(HttpStatusCode.Forbidden, (await officerHttp.GetAsync("/hangfire")).StatusCode);

        using var admin = await app.SignedInClientAsync();
        var page = await admin.GetAsync("/hangfire");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Background jobs", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_queued_job_is_worked_by_the_hosted_server_and_shows_as_succeeded()
    {
        await using var app = await AppHost.StartAsync(settings: new Dictionary<string, string?> { ["Jobs:Server"] = "true" });
        var jobs = app.Services.GetRequiredService<IBackgroundJobClient>();

        var id = jobs.Enqueue<TrendRollUpJob>(j => j.RunRecentAsync(CancellationToken.None));

        var storage = app.Services.GetRequiredService<JobStorage>();
        try
        {
            await Wait.UntilAsync(() =>
            {
                using var connection = storage.GetConnection();
                return connection.GetStateData(id)?.Name == "Succeeded";
            }, TimeSpan.FromSeconds(120), "The trend job was not worked within two minutes.");
        }
        catch (TimeoutException e)
        {
            // Say what Hangfire saw (a failed first attempt waiting for its retry, say), not only that time ran out.
            var history = storage.GetMonitoringApi().JobDetails(id).History
                .Select(h => $"{h.StateName} {h.Reason} {string.Join(", ", h.Data.Select(d => $"{d.Key}={d.Value}"))}");
            throw new TimeoutException(e.Message + " States: " + string.Join(" | ", history), e);
        }
        var details = storage.GetMonitoringApi().JobDetails(id);
        Assert.Equal("Succeeded", details.History[0].StateName);
    }
}

/// <summary>Card rules are checked before the app starts: a wrong one stops it with a sentence naming the setting.</summary>
public sealed class CardRulesStartupTests
{
    [Fact]
    public async Task A_window_too_short_to_see_an_improvement_stops_the_app_with_the_setting_named()
    {
        var (exitCode, _, error) = await AppProcess.RunDashboardAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings:Marten"] = await TestDatabase.ConnectionStringAsync(),
            ["Marten:Schema"] = TestDatabase.NewSchema(),
            ["Cards:WindowMonths"] = "2",
            ["Cards:LiftAfterImprovingMonths"] = "2",
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
        });

        Assert.Equal(1, exitCode);
        Assert.Contains("Cards:WindowMonths must be longer than Cards:LiftAfterImprovingMonths", error);
        Assert.DoesNotContain("   at ", error);
    }
}
