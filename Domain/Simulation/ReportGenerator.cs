using System.Globalization;
using AntiFraud.Domain.Activity;
using AntiFraud.Domain.Common;
using AntiFraud.Domain.Incidents;
using AntiFraud.Domain.Regions;
using AntiFraud.Domain.Warnings;

namespace AntiFraud.Domain.Simulation;

/// <summary>
/// An incident as the simulator reports it, with the later steps of its life in time order. <see cref="Bucket"/> (its minute) and
/// <see cref="Index"/> (its place among that minute's incidents as generated) name it, so it can be generated again later.
/// </summary>
public sealed record SimulatedIncident(IncidentReport Report, DateTimeOffset ReportedAt, IReadOnlyList<IncidentCommand> FollowUps, long Bucket, int Index);

/// <summary>A warning instruction with the county's call-backs in time order; named by <see cref="Bucket"/> and <see cref="Index"/> likewise.</summary>
public sealed record SimulatedWarning(WarningReport Report, IReadOnlyList<RecordOutcome> Outcomes, long Bucket, int Index);

/// <summary>How much the simulator generates: national averages a day, and whether the volume follows the long-term trend and seasons.</summary>
public sealed record SimulationVolume(double IncidentsPerDay, double WarningsPerDay, double ActivityScale = 1.0, bool Seasonal = false)
{
    /// <summary>National enforcement counters on an average day (calls and texts intercepted are about 160 a second).</summary>
    public static readonly ActivityCounts NationalDailyActivity = new(
        CallsIntercepted: 7_600_000, SmsIntercepted: 6_200_000, AppsBlocked: 3_000, UrlsBlocked: 8_000, PublicityActivities: 2_000,
        TwoCardsCases: 600, DensFound: 20, GangsBusted: 40, SuspectsCaught: 1_100);
}

/// <summary>
/// Generates realistic reports for any span of time, deterministically: the same seed, stream and volume give the same reports,
/// with the same external ids, whichever way the span is cut (every minute has its own random source). Everything it produces
/// passes the validation the API applies, and every later step is one the incident's decisions accept in order.
/// </summary>
public sealed class ReportGenerator
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private static readonly DateOnly TrendAnchor = new(2026, 1, 1);

    private readonly int _seed;
    private readonly string _stream;
    private readonly RegionWeights _regions;

    /// <param name="stream">Short tag in every external id ("h" history, "l" live) so separate streams never collide.</param>
    public ReportGenerator(RegionWeights regions, int seed, string stream, SimulationVolume volume)
    {
        if (stream.Length is 0 or > 4 || !stream.All(char.IsAsciiLetterOrDigit)) throw new ArgumentException("A stream tag is 1–4 letters or digits.", nameof(stream));
        _regions = regions;
        _seed = seed;
        _stream = stream;
        Volume = volume;
    }

    public SimulationVolume Volume { get; }

    /// <summary>The prefix of every external id this generator issues.</summary>
    public string IdPrefix => $"sim-{_stream}-";

    /// <summary>Incidents reported in [<paramref name="from"/>, <paramref name="to"/>), in the order they are reported.</summary>
    public IEnumerable<SimulatedIncident> Incidents(DateTimeOffset from, DateTimeOffset to)
    {
        for (var bucket = BucketOf(from); StartOf(bucket) < to; bucket++)
            foreach (var incident in IncidentBucket(bucket))
                if (incident.ReportedAt >= from && incident.ReportedAt < to) yield return incident;
    }

    /// <summary>Warnings issued in [<paramref name="from"/>, <paramref name="to"/>), in the order they are issued.</summary>
    public IEnumerable<SimulatedWarning> Warnings(DateTimeOffset from, DateTimeOffset to)
    {
        for (var bucket = BucketOf(from); StartOf(bucket) < to; bucket++)
            foreach (var warning in WarningBucket(bucket))
                if (warning.Report.IssuedAt >= from && warning.Report.IssuedAt < to) yield return warning;
    }

    /// <summary>Every incident reported in one minute (buckets are minutes since 1970 UTC), in the order reported.</summary>
    public IReadOnlyList<SimulatedIncident> IncidentBucket(long bucket)
    {
        var start = StartOf(bucket);
        var random = SimRandom.For(_seed, _stream + "/incidents", bucket);
        var count = random.Poisson(Volume.IncidentsPerDay / 1440 * Intensity(start));
        var list = new List<SimulatedIncident>(count);
        for (var i = 0; i < count; i++) list.Add(Incident(random, start, bucket, i));
        list.Sort((a, b) => a.ReportedAt != b.ReportedAt ? a.ReportedAt.CompareTo(b.ReportedAt) : a.Index.CompareTo(b.Index));
        return list;
    }

    /// <summary>Every warning issued in one minute, in the order issued.</summary>
    public IReadOnlyList<SimulatedWarning> WarningBucket(long bucket)
    {
        var start = StartOf(bucket);
        var random = SimRandom.For(_seed, _stream + "/warnings", bucket);
        var count = random.Poisson(Volume.WarningsPerDay / 1440 * Intensity(start));
        var list = new List<SimulatedWarning>(count);
        for (var i = 0; i < count; i++) list.Add(Warning(random, start, bucket, i));
        list.Sort((a, b) => a.Report.IssuedAt != b.Report.IssuedAt ? a.Report.IssuedAt.CompareTo(b.Report.IssuedAt) : a.Index.CompareTo(b.Index));
        return list;
    }

    /// <summary>
    /// A province's counters for [<paramref name="from"/>, <paramref name="to"/>), which must lie within one China day; the external id
    /// names the province and the span's start, so the same span is the same report.
    /// </summary>
    public ActivityReport Activity(RegionCode province, DateTimeOffset from, DateTimeOffset to)
    {
        var day = ChinaTime.DayOf(from);
        if (to <= from || to > ChinaTime.StartOf(day.AddDays(1))) throw new ArgumentException("An activity span lies within one China day.", nameof(to));
        var mean = DayShare(from, to) * _regions.ShareOf(province) * Volume.ActivityScale;
        var random = SimRandom.For(_seed, $"{_stream}/activity/{province}", BucketOf(from));
        var n = SimulationVolume.NationalDailyActivity;
        var counts = new ActivityCounts(
            random.Count(n.CallsIntercepted * mean), random.Count(n.SmsIntercepted * mean), random.Count(n.AppsBlocked * mean),
            random.Count(n.UrlsBlocked * mean), random.Count(n.PublicityActivities * mean), random.Count(n.TwoCardsCases * mean),
            random.Count(n.DensFound * mean), random.Count(n.GangsBusted * mean), random.Count(n.SuspectsCaught * mean));
        var at = from.ToChina();
        return new ActivityReport(Id($"{IdPrefix}a-{at:yyyyMMddHHmm}-{province.ProvinceDigits}"), province, day, counts);
    }

    /// <summary>The external id of a province's whole-day counters (what <see cref="Activity"/> names for a span starting at midnight).</summary>
    public string DailyActivityId(RegionCode province, DateOnly day) => Id($"{IdPrefix}a-{day:yyyyMMdd}0000-{province.ProvinceDigits}");

    public static long BucketOf(DateTimeOffset moment)
    {
        var ticks = moment.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var bucket = ticks / Minute.Ticks;
        return ticks % Minute.Ticks < 0 ? bucket - 1 : bucket;
    }

    public static DateTimeOffset StartOf(long bucket) => DateTimeOffset.UnixEpoch.AddMinutes(bucket).ToChina();

    /// <summary>Relative volume at a moment (1 = the configured daily average): hour of the China day, and with seasons the trend, month and weekday.</summary>
    public double Intensity(DateTimeOffset moment)
    {
        var china = moment.ToChina();
        var intensity = FraudProfile.HourOfDay[china.Hour];
        return Volume.Seasonal ? intensity * DayFactor(DateOnly.FromDateTime(china.DateTime)) : intensity;
    }

    private double DayFactor(DateOnly day) =>
        Math.Exp(FraudProfile.YearlyTrend * (day.DayNumber - TrendAnchor.DayNumber) / 365.25)
        * FraudProfile.MonthOfYear[day.Month - 1] * FraudProfile.DayOfWeek[(int)day.DayOfWeek];

    // The span's share of an average day's volume, following the hour rhythm (and seasons).
    private double DayShare(DateTimeOffset from, DateTimeOffset to)
    {
        var share = 0.0;
        for (var t = from; t < to;)
        {
            var china = t.ToChina();
            var hourEnd = new DateTimeOffset(china.Year, china.Month, china.Day, china.Hour, 0, 0, ChinaTime.Offset).AddHours(1);
            var end = hourEnd < to ? hourEnd : to;
            share += (end - t).TotalHours / 24 * Intensity(t);
            t = end;
        }
        return share;
    }

    private SimulatedIncident Incident(SimRandom r, DateTimeOffset bucketStart, long bucket, int index)
    {
        var reportedAt = bucketStart.AddSeconds(r.Next(60));
        var type = FraudProfile.FraudTypes.Pick(r);
        var channel = FraudProfile.ChannelFor(type).Pick(r);
        var payment = FraudProfile.PaymentFor(type).Pick(r);
        var loss = Amount(Math.Clamp(r.LogNormal(FraudProfile.MedianLoss(type), 1.1), 50, 20_000_000), r);
        var age = FraudProfile.AgeFor(type).Pick(r);
        var victim = new Victim(age, FraudProfile.OccupationFor(type, age, r));
        var county = _regions.County(r);
        DenLocation? den = null;
        if (r.Chance(FraudProfile.DenKnown))
        {
            var country = FraudProfile.DenCountries.Pick(r);
            den = new DenLocation(country, country == DenCountry.China ? _regions.DenCounty(r) : null);
        }
        // Victims report a while after they paid: usually within the hour, sometimes days later.
        var occurredAt = reportedAt - Seconds(Math.Min(r.LogNormal(45 * 60, 1.1), 3 * 86_400));
        var summary = r.Chance(0.85) ? Summary(type, channel) : null;
        var externalId = Id($"{IdPrefix}i-{bucketStart:yyyyMMddHHmm}-{index}");
        var report = new IncidentReport(externalId, county, occurredAt, type, channel, payment, loss, victim, den, summary);
        return new SimulatedIncident(report, reportedAt, FollowUps(r, report, reportedAt), bucket, index);
    }

    private List<IncidentCommand> FollowUps(SimRandom r, IncidentReport report, DateTimeOffset reportedAt)
    {
        var steps = new List<IncidentCommand>();
        var id = report.ExternalId;
        var national = RegionCode.National;
        var loss = report.LossAmount;

        // Stop-payment within minutes for a share of incidents, freezing within hours, returns within days.
        DateTimeOffset? stopAt = null, frozenAt = null;
        decimal stopped = 0;
        if (r.Chance(0.4))
        {
            stopAt = reportedAt + Seconds(Math.Min(r.LogNormal(12 * 60, 0.8), 6 * 3600));
            stopped = Part(loss, 0.15, 0.9, r);
            steps.Add(new RequestStopPayment(stopped, $"{id}-sp", stopAt.Value, national, Hash("StopPaymentRequested", stopAt.Value, stopped)));
        }
        if (stopAt is not null ? r.Chance(0.75) : r.Chance(0.04))
        {
            frozenAt = (stopAt ?? reportedAt) + Seconds(Math.Min(r.LogNormal(3 * 3600, 0.7), 2 * 86_400));
            var frozen = Part(stopped > 0 ? stopped : loss, 0.4, 1.0, r);
            steps.Add(new FreezeFunds(frozen, $"{id}-fz", frozenAt.Value, national, Hash("FundsFrozen", frozenAt.Value, frozen)));
            if (r.Chance(0.55))
            {
                var returnedAt = frozenAt.Value + Seconds(Math.Min(r.LogNormal(4.5 * 86_400, 0.6), 60 * 86_400));
                var returned = Part(frozen, 0.5, 1.0, r);
                steps.Add(new ReturnFunds(returned, $"{id}-rt", returnedAt, national, Hash("FundsReturned", returnedAt, returned)));
            }
        }

        // Most incidents become cases; some lead to suspects (mostly from the source counties), some of those to arrests.
        if (r.Chance(0.8))
        {
            var filedAt = reportedAt + Seconds(Math.Min(r.LogNormal(6 * 3600, 0.8), 7 * 86_400));
            var caseNumber = Id($"SIM-{report.County}-{reportedAt:yyyyMMddHHmm}-{id[(id.LastIndexOf('-') + 1)..]}");
            steps.Add(new FileCase(caseNumber, $"{id}-cf", filedAt, national, Hash("CaseFiled", filedAt, caseNumber)));
            if (r.Chance(0.18))
            {
                var identifiedAt = filedAt + Seconds(Math.Min(r.LogNormal(12 * 86_400, 0.7), 120 * 86_400));
                var count = Math.Min(1 + r.Poisson(1.2), 30);
                var homes = Enumerable.Range(0, count).Where(_ => r.Chance(0.85)).Select(_ => _regions.HomeCounty(r)).ToArray();
                steps.Add(new IdentifySuspects(count, homes, $"{id}-si", identifiedAt, national,
                    Hash("SuspectsIdentified", identifiedAt, (long)count, string.Join(",", homes))));
                if (r.Chance(0.65))
                {
                    var solvedAt = identifiedAt + Seconds(Math.Min(r.LogNormal(5 * 86_400, 0.7), 60 * 86_400));
                    var arrests = Enumerable.Range(0, count).Count(_ => r.Chance(0.7));
                    steps.Add(new SolveCase(arrests, $"{id}-cs", solvedAt, national, Hash("CaseSolved", solvedAt, (long)arrests)));
                }
            }
        }

        if (r.Chance(0.02) && Related(report.FraudType, r) is { } to && to != report.FraudType)
        {
            var at = reportedAt + Seconds(Math.Min(r.LogNormal(86_400, 0.8), 14 * 86_400));
            const string reason = "经核实调整案件类别";
            steps.Add(new Reclassify(to, reason, $"{id}-rc", at, national, Hash("Reclassified", at, to, reason)));
        }
        if (loss >= 1_000_000 && r.Chance(0.5))
        {
            var at = reportedAt + Seconds(Math.Min(r.LogNormal(4 * 3600, 0.8), 3 * 86_400));
            var province = RegionCode.Parse(report.County.ProvinceDigits);
            const string reason = "涉案金额巨大，提级侦办";
            steps.Add(new Escalate(province, reason, $"{id}-es", at, national, Hash("Escalated", at, province.ToString(), reason)));
        }

        steps.Sort((a, b) => a.At.CompareTo(b.At));
        if (steps.OfType<SolveCase>().Any() && r.Chance(0.3))
        {
            var at = steps[^1].At + Seconds(Math.Min(r.LogNormal(3 * 86_400, 0.6), 30 * 86_400));
            const string reason = "案件办结";
            steps.Add(new Close(reason, $"{id}-cl", at, national, Hash("Closed", at, reason)));
        }
        return steps;
    }

    private SimulatedWarning Warning(SimRandom r, DateTimeOffset bucketStart, long bucket, int index)
    {
        var issuedAt = bucketStart.AddSeconds(r.Next(60));
        var county = _regions.County(r);
        var source = FraudProfile.WarningSources.Pick(r);
        var level = FraudProfile.WarningLevels.Pick(r);
        var category = FraudProfile.FraudTypes.Pick(r);
        var externalId = Id($"{IdPrefix}w-{bucketStart:yyyyMMddHHmm}-{index}");
        var report = new WarningReport(externalId, county, source, level, category, issuedAt);

        // Called back within minutes (faster when critical); "not reachable yet" is followed by another try, often in person.
        var outcomes = new List<RecordOutcome>();
        var at = issuedAt + Seconds(Math.Min(r.LogNormal(level == WarningLevel.Critical ? 4 * 60 : 7 * 60, 0.7), 240 * 60));
        var outcome = FraudProfile.FirstOutcomes.Pick(r);
        outcomes.Add(Outcome(externalId, 1, outcome, at));
        if (outcome == WarningOutcome.NotReachableYet)
        {
            at += Seconds(Math.Min(r.LogNormal(3600, 0.8), 86_400));
            outcome = FraudProfile.LaterOutcomes.Pick(r);
            outcomes.Add(Outcome(externalId, 2, outcome, at));
            if (outcome == WarningOutcome.NotReachableYet)
            {
                at += Seconds(Math.Min(r.LogNormal(4 * 3600, 0.6), 2 * 86_400));
                outcomes.Add(Outcome(externalId, 3, r.Chance(0.6) ? WarningOutcome.DissuadedInPerson : WarningOutcome.CannotBeFound, at));
            }
        }
        return new SimulatedWarning(report, outcomes, bucket, index);
    }

    private static RecordOutcome Outcome(string warningId, int n, WarningOutcome outcome, DateTimeOffset at) =>
        new(outcome, at, RegionCode.National, $"{warningId}-o{n}", StreamIds.HashOf(new object[] { outcome, at }));

    /// <summary>The content hash the API gives a lifecycle report: its type, time and fields (see the incidents API).</summary>
    private static string Hash(string type, DateTimeOffset at, params object?[] parts) =>
        StreamIds.HashOf(new object?[] { type, at }.Concat(parts).ToArray());

    private static FraudType? Related(FraudType type, SimRandom r) => type switch
    {
        FraudType.PigButchering => FraudType.FakeInvestment,
        FraudType.FakeInvestment => FraudType.PigButchering,
        FraudType.OrderBrushing => FraudType.FakeShopping,
        FraudType.FakeShopping => FraudType.OrderBrushing,
        FraudType.Loan => FraudType.CreditRecord,
        FraudType.Other => FraudProfile.FraudTypes.Pick(r),
        _ => null,
    };

    // Whole seconds keep times readable and identical through JSON round trips.
    private static TimeSpan Seconds(double seconds) => TimeSpan.FromSeconds(Math.Max(1, Math.Round(seconds)));

    // Most losses are whole yuan; some carry fen.
    private static decimal Amount(double yuan, SimRandom r) => r.Chance(0.7) ? Math.Round((decimal)yuan, 0) : Math.Round((decimal)yuan, 2);

    private static decimal Part(decimal total, double min, double max, SimRandom r)
    {
        var part = Math.Round(total * (decimal)r.Between(min, max), 2);
        return Math.Clamp(part, Math.Min(0.01m, total), total);
    }

    private static string Summary(FraudType type, Channel channel)
    {
        var via = channel switch
        {
            Channel.App => "诈骗App",
            Channel.Call => "电话",
            Channel.Sms => "短信",
            Channel.InstantMessaging => "即时通讯软件",
            Channel.Website => "网站",
            _ => "其他渠道",
        };
        var how = type switch
        {
            FraudType.Loan => $"受害人经{via}申请网络贷款，被以缴纳保证金、解冻费为由要求转账。",
            FraudType.OrderBrushing => $"受害人经{via}参与刷单返利，前几单获小额返利后被诱导大额垫付。",
            FraudType.PigButchering => $"受害人经{via}结识“网友”，确立恋爱关系后被诱导在虚假平台充值。",
            FraudType.FakeCustomerService => $"嫌疑人经{via}冒充电商、物流客服，以退款理赔为由诱导受害人转账。",
            FraudType.FakeShopping => $"受害人经{via}购买低价商品，付款后对方失联。",
            FraudType.ImpersonatingAuthorities => $"嫌疑人经{via}冒充公检法人员，以涉嫌洗钱为由要求将资金转入“安全账户”。",
            FraudType.ImpersonatingAcquaintance => $"嫌疑人经{via}冒充单位领导，要求财务人员紧急转账。",
            FraudType.FakeInvestment => $"受害人经{via}被拉入“投资群”，在虚假理财平台充值后无法提现。",
            FraudType.GameTrading => $"受害人经{via}买卖游戏账号、装备，付款后未收到货。",
            FraudType.CreditRecord => $"嫌疑人经{via}冒充金融机构，以注销校园贷、修复征信为由诱导受害人贷款转账。",
            _ => $"受害人经{via}被骗，具体手法待查。",
        };
        return "【模拟数据】" + how;
    }

    /// <summary>Ids are formatted invariantly: they never depend on the machine's culture or calendar.</summary>
    private static string Id(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
