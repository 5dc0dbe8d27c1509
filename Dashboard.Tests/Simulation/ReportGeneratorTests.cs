using System.Text.Json;
using System.Text.Json.Nodes;
using AntiFraud.Dashboard.Api;
using AntiFraud.Dashboard.Tests.Harness;
using AntiFraud.Domain.Common;
using AntiFraud.Domain.Incidents;
using AntiFraud.Domain.Regions;
using AntiFraud.Domain.Simulation;
using AntiFraud.Domain.Warnings;

namespace AntiFraud.Dashboard.Tests.Simulation;

/// <summary>What the simulator generates: reports the API accepts, shaped like real telecom fraud, the same for the same seed.</summary>
public sealed class ReportGeneratorTests
{
    private static readonly RegionCatalog Catalog = RegionCatalog.Load();
    private static readonly RegionWeights Regions = new(Catalog);
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 0, 0, 0, ChinaTime.Offset);
    private static readonly DateTimeOffset Now = Monday.AddDays(400);

    private static ReportGenerator Generator(int seed, double incidentsPerDay, double warningsPerDay = 0) =>
        new(Regions, seed, "h", new SimulationVolume(incidentsPerDay, warningsPerDay, Seasonal: true));

    /// <summary>A large sample shared by the tests on shares and timings: three weeks at 3,000 incidents and 3,000 warnings a day.</summary>
    private static readonly Lazy<(List<SimulatedIncident> Incidents, List<SimulatedWarning> Warnings)> Sample = new(() =>
    {
        var generator = Generator(42, 3_000, 3_000);
        return (generator.Incidents(Monday, Monday.AddDays(21)).ToList(), generator.Warnings(Monday, Monday.AddDays(21)).ToList());
    });

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(2026)]
    [InlineData(123_456_789)]
    public void Every_report_and_later_step_generated_is_one_the_API_accepts(int seed)
    {
        var generator = Generator(seed, 1_500, 1_500);
        var day = Monday.AddDays(seed % 300);

        var incidents = generator.Incidents(day, day.AddDays(1)).ToList();
        Assert.InRange(incidents.Count, 500, 3_000);
        foreach (var incident in incidents)
        {
            var report = incident.Report;
            Assert.Empty(report.Validate(Catalog, Now));
            Assert.Equal(report, ReadThroughTheApi(report));
            Assert.True(report.OccurredAt <= incident.ReportedAt, "an incident is reported after it happened");
            var state = Incident.Start(new IncidentReported(Guid.NewGuid(), report.ExternalId, report.County, RegionCode.National, report.OccurredAt,
                report.FraudType, report.Channel, report.PaymentTool, report.LossAmount, report.Victim, report.DenLocation, report.Summary,
                incident.ReportedAt, StreamIds.HashOf(report)));
            foreach (var step in incident.FollowUps)
            {
                Assert.InRange(step.ExternalId.Length, 1, Limits.MaxExternalIdLength);
                Assert.True(step.At >= incident.ReportedAt, $"{step.ExternalId} comes after the report");
                Assert.True(step switch
                {
                    FileCase f => f.CaseNumber is null || f.CaseNumber.Length <= 64,
                    Reclassify r => r.Reason is null || r.Reason.Length <= Limits.MaxReasonLength,
                    Escalate e => e.Reason.Length <= Limits.MaxReasonLength,
                    Close c => c.Reason.Length <= Limits.MaxReasonLength,
                    _ => true,
                });
                var decision = IncidentDecisions.Decide(step, state);
                Assert.False(decision.Refused, $"{step.ExternalId}: {string.Join(" ", decision.Errors.Select(e => e.Message))}");
                foreach (var e in decision.Events) state = state.Apply((IIncidentEvent)e);
            }
        }

        var warnings = generator.Warnings(day, day.AddDays(1)).ToList();
        Assert.InRange(warnings.Count, 500, 3_000);
        foreach (var warning in warnings)
        {
            Assert.Empty(warning.Report.Validate(Catalog, Now));
            Assert.InRange(warning.Report.ExternalId.Length, 1, Limits.MaxExternalIdLength);
            var events = new List<object> { new WarningIssued(Guid.NewGuid(), warning.Report.ExternalId, warning.Report.County, RegionCode.National,
                warning.Report.Source, warning.Report.Level, warning.Report.Category, warning.Report.IssuedAt, "h") };
            foreach (var outcome in warning.Outcomes)
            {
                Assert.InRange(outcome.ExternalId.Length, 1, Limits.MaxExternalIdLength);
                var decision = WarningDecisions.Decide(outcome, Warning.From(events)!);
                Assert.False(decision.Refused, $"{outcome.ExternalId}: {string.Join(" ", decision.Errors.Select(e => e.Message))}");
                events.AddRange(decision.Events);
            }
            Assert.False(Warning.From(events)!.Open, "every warning is settled in the end");
        }

        foreach (var province in Regions.Provinces.Values)
        {
            var counters = generator.Activity(province, day, day.AddDays(1));
            Assert.Empty(counters.Validate(Catalog, Now));
            Assert.InRange(counters.ExternalId.Length, 1, Limits.MaxExternalIdLength);
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_reports_with_the_same_ids_however_the_span_is_cut()
    {
        var from = Monday.AddHours(9);
        var cutAt = from.AddMinutes(47).AddSeconds(13);
        var whole = Describe(Generator(7, 2_000, 2_000), (from, from.AddHours(3)));
        var cut = Describe(Generator(7, 2_000, 2_000), (from, cutAt), (cutAt, from.AddHours(3)));
        var otherSeed = Describe(Generator(8, 2_000, 2_000), (from, from.AddHours(3)));

        Assert.True(whole.Count > 100);
        Assert.Equal(whole, cut);
        Assert.NotEqual(whole, otherSeed);
    }

    [Fact]
    public void Four_types_are_over_70_percent_of_incidents_and_a_criminals_app_is_the_channel_of_over_60_percent()
    {
        var incidents = Sample.Value.Incidents;
        Assert.True(incidents.Count > 40_000);

        var main = Share(incidents, i => FraudProfile.MainTypes.Contains(i.Report.FraudType));
        var app = Share(incidents, i => i.Report.Channel == Channel.App);

        Assert.InRange(main, 0.70, 0.80);
        Assert.InRange(app, 0.60, 0.70);
        Assert.All(Enum.GetValues<FraudType>(), type => Assert.Contains(incidents, i => i.Report.FraudType == type));
    }

    [Fact]
    public void Dens_abroad_are_mostly_in_northern_Myanmar_and_Cambodia_and_those_in_China_mostly_in_the_source_counties()
    {
        var dens = Sample.Value.Incidents.Select(i => i.Report.DenLocation).OfType<DenLocation>().ToList();
        var abroad = dens.Where(d => d.Country != DenCountry.China).ToList();
        var home = dens.Where(d => d.Country == DenCountry.China).ToList();

        Assert.InRange(dens.Count / (double)Sample.Value.Incidents.Count, 0.3, 0.5);
        Assert.True(Share(abroad, d => d.Country is DenCountry.NorthernMyanmar or DenCountry.Cambodia) > 0.6);
        Assert.All(Enum.GetValues<DenCountry>(), country => Assert.Contains(dens, d => d.Country == country));
        Assert.True(Share(home, d => Regions.SourceCounties.Contains(d.RegionCode!.Value)) > 0.6);
    }

    [Fact]
    public void Perpetrators_come_mostly_from_a_handful_of_source_counties_while_victims_follow_population()
    {
        var incidents = Sample.Value.Incidents;
        var homes = incidents.SelectMany(i => i.FollowUps.OfType<IdentifySuspects>()).SelectMany(s => s.HomeRegions).ToList();
        var byCounty = homes.GroupBy(h => h).Select(g => (County: g.Key, Share: g.Count() / (double)homes.Count)).ToList();

        Assert.True(homes.Count > 1_000);
        Assert.InRange(byCounty.Count(c => c.Share >= 0.02), 3, 10);
        Assert.True(byCounty.Where(c => Regions.SourceCounties.Contains(c.County)).Sum(c => c.Share) > 0.5);

        int Victims(string province) => incidents.Count(i => i.Report.County.ProvinceDigits == province);
        Assert.True(Victims("44") > 20 * Victims("54"), "Guangdong has far more victims than Tibet");
        Assert.True(Victims("37") > 5 * Victims("64"), "Shandong has far more victims than Ningxia");
        Assert.True(Victims("41") > Victims("11"), "Henan has more victims than Beijing");
    }

    [Fact]
    public void Fewer_incidents_are_reported_at_night_than_in_the_day_and_evening_China_time()
    {
        var byHour = Sample.Value.Incidents.GroupBy(i => i.ReportedAt.ToChina().Hour).ToDictionary(g => g.Key, g => g.Count());
        var night = Enumerable.Range(1, 5).Average(h => byHour[h]);
        var day = Enumerable.Range(9, 13).Average(h => byHour[h]);

        Assert.True(night * 4 < day, $"night {night:0} an hour, day {day:0} an hour");
        Assert.True(byHour[20] > byHour[7]);
    }

    [Fact]
    public void Impersonated_bosses_target_finance_staff()
    {
        var incidents = Sample.Value.Incidents;
        var boss = incidents.Where(i => i.Report.FraudType == FraudType.ImpersonatingAcquaintance).ToList();

        Assert.True(Share(boss, i => i.Report.Victim.Occupation == Occupation.FinanceStaff) > 0.3);
        Assert.True(Share(incidents, i => i.Report.Victim.Occupation == Occupation.FinanceStaff) < 0.08);
    }

    [Fact]
    public void Payments_are_stopped_within_minutes_frozen_within_hours_and_returned_within_days_for_a_share_of_incidents()
    {
        var incidents = Sample.Value.Incidents;
        TimeSpan Median<T>(IEnumerable<(SimulatedIncident Incident, T Step)> steps) where T : IncidentCommand =>
            steps.Select(s => s.Step.At - s.Incident.ReportedAt).Order().ElementAt(steps.Count() / 2);
        List<(SimulatedIncident, T)> Steps<T>() where T : IncidentCommand =>
            incidents.SelectMany(i => i.FollowUps.OfType<T>().Select(s => (i, s))).ToList();

        var stopped = Steps<RequestStopPayment>();
        var frozen = Steps<FreezeFunds>();
        var returned = Steps<ReturnFunds>();
        var solved = Steps<SolveCase>();

        Assert.InRange(stopped.Count / (double)incidents.Count, 0.3, 0.5);
        Assert.InRange(Median(stopped), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(60));
        Assert.InRange(Median(frozen), TimeSpan.FromHours(1), TimeSpan.FromHours(24));
        Assert.InRange(Median(returned), TimeSpan.FromDays(1), TimeSpan.FromDays(30));
        Assert.True(returned.Count < frozen.Count && frozen.Count < stopped.Count + incidents.Count / 20);
        Assert.InRange(solved.Count / (double)incidents.Count, 0.05, 0.2);
        Assert.True(incidents.Sum(i => i.FollowUps.OfType<FileCase>().Count()) > incidents.Count / 2, "most incidents become cases");
    }

    [Fact]
    public void Warnings_are_called_back_within_minutes_and_mostly_dissuaded_some_only_after_another_try()
    {
        var warnings = Sample.Value.Warnings;
        var first = warnings.Select(w => (Minutes: (w.Outcomes[0].At - w.Report.IssuedAt).TotalMinutes, w.Outcomes[0].Outcome)).ToList();
        var median = first.Select(f => f.Minutes).Order().ElementAt(first.Count / 2);

        Assert.True(warnings.Count > 40_000);
        Assert.InRange(median, 2, 15);
        Assert.InRange(Share(first, f => f.Outcome == WarningOutcome.Dissuaded), 0.65, 0.9);
        Assert.All(Enum.GetValues<WarningOutcome>(), outcome => Assert.Contains(first, f => f.Outcome == outcome));
        var retried = warnings.Where(w => w.Outcomes[0].Outcome == WarningOutcome.NotReachableYet).ToList();
        Assert.All(retried, w => Assert.True(w.Outcomes.Count > 1));
        Assert.Contains(retried, w => w.Outcomes[^1].Outcome == WarningOutcome.DissuadedInPerson);
    }

    private static double Share<T>(IReadOnlyCollection<T> items, Func<T, bool> predicate) => items.Count(predicate) / (double)items.Count;

    /// <summary>Everything generated over consecutive spans, incidents then warnings, as text.</summary>
    private static List<string> Describe(ReportGenerator generator, params (DateTimeOffset From, DateTimeOffset To)[] spans) =>
        spans.SelectMany(s => generator.Incidents(s.From, s.To))
            .Select(i => JsonSerializer.Serialize<object>(new { i.Report, i.ReportedAt, Steps = i.FollowUps.Cast<object>() }))
            .Concat(spans.SelectMany(s => generator.Warnings(s.From, s.To))
                .Select(w => JsonSerializer.Serialize<object>(new { w.Report, Outcomes = w.Outcomes.Cast<object>() })))
            .ToList();

    /// <summary>The report as the API reads it from the JSON a lower-tier system would send.</summary>
    private static IncidentReport? ReadThroughTheApi(IncidentReport report)
    {
        var json = new JsonObject
        {
            ["externalId"] = report.ExternalId,
            ["regionCode"] = report.County.ToString(),
            ["occurredAt"] = Ingestion.Iso(report.OccurredAt),
            ["fraudType"] = report.FraudType.ToString(),
            ["channel"] = report.Channel.ToString(),
            ["paymentTool"] = report.PaymentTool.ToString(),
            ["lossAmount"] = report.LossAmount,
            ["victim"] = new JsonObject { ["ageBand"] = report.Victim.AgeBand.ToString(), ["occupation"] = report.Victim.Occupation.ToString() },
        };
        if (report.DenLocation is { } den)
            json["denLocation"] = new JsonObject { ["country"] = den.Country.ToString(), ["regionCode"] = den.RegionCode?.ToString() };
        if (report.Summary is { } summary) json["summary"] = summary;
        using var document = JsonDocument.Parse(json.ToJsonString());
        var errors = new List<FieldError>();
        var read = IncidentsApi.ReadReport(new JsonInput(document.RootElement, errors));
        Assert.Empty(errors);
        return read;
    }
}
