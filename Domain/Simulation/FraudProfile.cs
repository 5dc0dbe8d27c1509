using AntiFraud.Domain.Incidents;
using AntiFraud.Domain.Warnings;

namespace AntiFraud.Domain.Simulation;

/// <summary>
/// The shape of telecom and network fraud the simulator follows: loans, order brushing, pig butchering and fake customer service
/// are over 70 % of cases, a criminal's app is the channel of over 60 %, dens abroad are mostly in northern Myanmar and Cambodia,
/// finance staff are the target of impersonated bosses, and fewer cases happen at night (China time).
/// </summary>
public static class FraudProfile
{
    public static readonly Weighted<FraudType> FraudTypes = new(
    [
        (FraudType.Loan, 20), (FraudType.OrderBrushing, 22), (FraudType.PigButchering, 16), (FraudType.FakeCustomerService, 15),
        (FraudType.FakeShopping, 7), (FraudType.ImpersonatingAuthorities, 5), (FraudType.ImpersonatingAcquaintance, 4),
        (FraudType.FakeInvestment, 5), (FraudType.GameTrading, 3), (FraudType.CreditRecord, 2), (FraudType.Other, 1),
    ]);

    /// <summary>The four types that together are over 70 % of cases.</summary>
    public static readonly IReadOnlySet<FraudType> MainTypes =
        new HashSet<FraudType> { FraudType.Loan, FraudType.OrderBrushing, FraudType.PigButchering, FraudType.FakeCustomerService };

    private static Weighted<Channel> Channels(double app, double call, double sms, double im, double web, double other = 0) =>
        new([(Channel.App, app), (Channel.Call, call), (Channel.Sms, sms), (Channel.InstantMessaging, im), (Channel.Website, web), (Channel.Other, other)]);

    private static readonly Dictionary<FraudType, Weighted<Channel>> ChannelsByType = new()
    {
        [FraudType.Loan] = Channels(75, 5, 10, 6, 4),
        [FraudType.OrderBrushing] = Channels(70, 2, 3, 23, 2),
        [FraudType.PigButchering] = Channels(72, 2, 1, 19, 6),
        [FraudType.FakeCustomerService] = Channels(48, 35, 6, 8, 3),
        [FraudType.FakeShopping] = Channels(62, 3, 3, 12, 20),
        [FraudType.ImpersonatingAuthorities] = Channels(30, 60, 5, 5, 0),
        [FraudType.ImpersonatingAcquaintance] = Channels(25, 10, 3, 62, 0),
        [FraudType.FakeInvestment] = Channels(70, 5, 2, 15, 8),
        [FraudType.GameTrading] = Channels(80, 0, 0, 15, 5),
        [FraudType.CreditRecord] = Channels(40, 50, 5, 5, 0),
        [FraudType.Other] = Channels(50, 15, 10, 15, 5, 5),
    };

    public static Weighted<Channel> ChannelFor(FraudType type) => ChannelsByType[type];

    private static readonly Weighted<PaymentTool> Payments = new(
        [(PaymentTool.BankTransfer, 45), (PaymentTool.Alipay, 20), (PaymentTool.WeChatPay, 22), (PaymentTool.DigitalCurrency, 6), (PaymentTool.Other, 7)]);

    private static readonly Weighted<PaymentTool> InvestmentPayments = new(
        [(PaymentTool.BankTransfer, 55), (PaymentTool.Alipay, 8), (PaymentTool.WeChatPay, 10), (PaymentTool.DigitalCurrency, 22), (PaymentTool.Other, 5)]);

    public static Weighted<PaymentTool> PaymentFor(FraudType type) =>
        type is FraudType.PigButchering or FraudType.FakeInvestment ? InvestmentPayments : Payments;

    /// <summary>Median loss in yuan by type; losses spread log-normally around it.</summary>
    public static double MedianLoss(FraudType type) => type switch
    {
        FraudType.Loan => 8_000,
        FraudType.OrderBrushing => 15_000,
        FraudType.PigButchering => 120_000,
        FraudType.FakeCustomerService => 20_000,
        FraudType.FakeShopping => 3_000,
        FraudType.ImpersonatingAuthorities => 90_000,
        FraudType.ImpersonatingAcquaintance => 60_000,
        FraudType.FakeInvestment => 150_000,
        FraudType.GameTrading => 2_000,
        FraudType.CreditRecord => 30_000,
        _ => 10_000,
    };

    private static Weighted<AgeBand> Ages(double under18, double young, double middle, double older, double elderly) =>
        new([(AgeBand.Under18, under18), (AgeBand.From18To29, young), (AgeBand.From30To44, middle), (AgeBand.From45To59, older),
            (AgeBand.From60, elderly), (AgeBand.Unknown, 2)]);

    private static readonly Weighted<AgeBand> DefaultAges = Ages(2, 35, 35, 18, 8);
    private static readonly Dictionary<FraudType, Weighted<AgeBand>> AgesByType = new()
    {
        [FraudType.GameTrading] = Ages(35, 45, 12, 5, 1),
        [FraudType.OrderBrushing] = Ages(3, 45, 35, 12, 3),
        [FraudType.PigButchering] = Ages(0, 25, 45, 25, 4),
        [FraudType.ImpersonatingAuthorities] = Ages(1, 20, 30, 27, 20),
        [FraudType.CreditRecord] = Ages(2, 70, 22, 4, 0),
        [FraudType.FakeInvestment] = Ages(0, 15, 40, 30, 14),
        [FraudType.Loan] = Ages(1, 40, 38, 16, 3),
        [FraudType.ImpersonatingAcquaintance] = Ages(0, 15, 45, 32, 6),
    };

    public static Weighted<AgeBand> AgeFor(FraudType type) => AgesByType.GetValueOrDefault(type, DefaultAges);

    private static Weighted<Occupation> Occupations(double finance, double student, double employee) =>
        new([(Occupation.FinanceStaff, finance), (Occupation.Student, student), (Occupation.Employee, employee),
            (Occupation.SelfEmployed, 15), (Occupation.CivilServant, 3), (Occupation.Farmer, 8), (Occupation.Retired, 4),
            (Occupation.Unemployed, 9), (Occupation.Other, 4), (Occupation.Unknown, 1)]);

    private static readonly Weighted<Occupation> DefaultOccupations = Occupations(3, 10, 40);
    private static readonly Weighted<Occupation> StudentHeavy = Occupations(1, 40, 25);
    // Impersonated bosses ask the company's finance staff to transfer money: the named target group.
    private static readonly Weighted<Occupation> FinanceHeavy = Occupations(45, 1, 30);

    public static Occupation OccupationFor(FraudType type, AgeBand age, SimRandom random) => age switch
    {
        AgeBand.Under18 => random.Chance(0.92) ? Occupation.Student : Occupation.Unknown,
        AgeBand.From60 => random.Chance(0.75) ? Occupation.Retired : random.Chance(0.6) ? Occupation.Farmer : Occupation.Other,
        _ => (type switch
        {
            FraudType.ImpersonatingAcquaintance => FinanceHeavy,
            FraudType.GameTrading or FraudType.CreditRecord or FraudType.OrderBrushing => StudentHeavy,
            _ => DefaultOccupations,
        }).Pick(random),
    };

    /// <summary>Where dens named in reports are: most abroad, northern Myanmar and Cambodia above all; China ones name a county.</summary>
    public static readonly Weighted<DenCountry> DenCountries = new(
    [
        (DenCountry.China, 35), (DenCountry.NorthernMyanmar, 26), (DenCountry.Cambodia, 19), (DenCountry.Philippines, 8),
        (DenCountry.Vietnam, 4), (DenCountry.Laos, 3), (DenCountry.Thailand, 3), (DenCountry.OtherAbroad, 2),
    ]);

    /// <summary>Share of incident reports that name where the den is.</summary>
    public const double DenKnown = 0.4;

    public static readonly Weighted<WarningSource> WarningSources = new(
        [(WarningSource.FundFlowMonitoring, 35), (WarningSource.InterceptedCall, 30), (WarningSource.AppReport, 25), (WarningSource.Other, 10)]);

    public static readonly Weighted<WarningLevel> WarningLevels = new(
        [(WarningLevel.Low, 30), (WarningLevel.Medium, 40), (WarningLevel.High, 22), (WarningLevel.Critical, 8)]);

    /// <summary>What the county finds at the first call-back: mostly dissuaded; some not reachable yet, found later.</summary>
    public static readonly Weighted<WarningOutcome> FirstOutcomes = new(
    [
        (WarningOutcome.Dissuaded, 76), (WarningOutcome.NotReachableYet, 10), (WarningOutcome.CannotBeFound, 3),
        (WarningOutcome.NotMatching, 5), (WarningOutcome.Duplicate, 3), (WarningOutcome.DissuadedInPerson, 3),
    ]);

    /// <summary>After "not reachable yet": the next try, often a visit in person.</summary>
    public static readonly Weighted<WarningOutcome> LaterOutcomes = new(
    [
        (WarningOutcome.Dissuaded, 45), (WarningOutcome.DissuadedInPerson, 30), (WarningOutcome.CannotBeFound, 15), (WarningOutcome.NotReachableYet, 10),
    ]);

    /// <summary>
    /// Relative activity by hour of the China day (mean 1): quiet from midnight to dawn, busy through the working day and
    /// busiest in the evening, when victims are at home on their phones.
    /// </summary>
    public static readonly IReadOnlyList<double> HourOfDay = Normalise(
    [
        0.35, 0.22, 0.15, 0.11, 0.10, 0.15, 0.30, 0.55, 0.85, 1.10, 1.30, 1.30,
        1.10, 1.10, 1.30, 1.35, 1.30, 1.20, 1.15, 1.30, 1.45, 1.45, 1.10, 0.70,
    ]);

    /// <summary>Relative volume by month (mean about 1): shopping festivals and the year's end are busier.</summary>
    public static readonly IReadOnlyList<double> MonthOfYear = [1.05, 1.02, 0.95, 0.95, 0.97, 1.02, 0.98, 0.98, 0.97, 0.97, 1.06, 1.08];

    /// <summary>Relative volume by day of week, Sunday first.</summary>
    public static readonly IReadOnlyList<double> DayOfWeek = [0.92, 1.03, 1.03, 1.03, 1.03, 1.02, 0.94];

    /// <summary>Year-on-year change of the historical volume: the campaigns work, cases fall about 11 % a year.</summary>
    public const double YearlyTrend = -0.12;

    private static double[] Normalise(double[] weights)
    {
        var mean = weights.Average();
        return weights.Select(w => w / mean).ToArray();
    }
}
