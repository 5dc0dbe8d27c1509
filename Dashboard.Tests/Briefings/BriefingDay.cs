using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using AntiFraud.Dashboard.Tests.Harness;
using AntiFraud.Domain.Briefings;
using AntiFraud.Domain.Cards;
using AntiFraud.Domain.Common;
using AntiFraud.Domain.Incidents;
using AntiFraud.Domain.Regions;
using AntiFraud.Domain.Trends;
using AntiFraud.Domain.Warnings;
using AntiFraud.Jobs.Briefings;
using Marten;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace AntiFraud.Dashboard.Tests.Briefings;

/// <summary>
/// A fixed data set around one China day (Wednesday 12 March 2025) in a host of its own, with an SMTP server in this process
/// that keeps what it receives; the briefings of the nation and Guangdong are written once before the tests.
/// </summary>
public sealed class BriefingDay : IAsyncLifetime
{
    public static readonly DateOnly Day = new(2025, 3, 12);
    public static readonly RegionCode Guangdong = RegionCode.Parse("44");

    public AppHost App { get; private set; } = null!;
    public SmtpInbox Inbox { get; } = new();
    public BriefingRunResult FirstRun { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Inbox.StartAsync();
        App = await AppHost.StartAsync(kestrel: true, settings: new Dictionary<string, string?>
        {
            ["Briefings:Regions:0"] = "000000",
            ["Briefings:Regions:1"] = "44",
            ["Briefings:Smtp:Host"] = "127.0.0.1",
            ["Briefings:Smtp:Port"] = Inbox.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Briefings:Smtp:Security"] = "None",
            ["Briefings:Smtp:From"] = "briefings@fzzx.example.cn",
            ["Briefings:Smtp:Recipients:0"] = "duty@fzzx.example.cn",
            ["Briefings:Smtp:Languages:0"] = "zh-CN",
            ["Briefings:Smtp:Languages:1"] = "en",
        });
        await SeedAsync(App.Services.GetRequiredService<IDocumentStore>());
        await App.WaitForRollUpsAsync();
        FirstRun = await RunJobAsync();
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        Inbox.Dispose();
    }

    public async Task<BriefingRunResult> RunJobAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DailyBriefingJob>().WriteAsync(Day, CancellationToken.None);
    }

    public async Task<Briefing> LoadAsync(RegionCode region)
    {
        await using var session = App.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await session.LoadAsync<Briefing>(Briefing.IdOf(region, Day)) ?? throw new InvalidOperationException($"No briefing of {region}.");
    }

    private static DateTimeOffset At(DateOnly day, int hour, int minute = 0) => ChinaTime.StartOf(day).AddHours(hour).AddMinutes(minute);

    private static async Task SeedAsync(IDocumentStore store)
    {
        await using var session = store.LightweightSession();
        var national = RegionCode.National;
        var n = 0;
        Guid Incident(string county, DateTimeOffset at, FraudType type, decimal loss, Occupation occupation = Occupation.Employee)
        {
            var id = Guid.NewGuid();
            session.Events.StartStream(id, new IncidentReported(id, $"brief-{++n}", RegionCode.Parse(county), national, at, type, Channel.App,
                PaymentTool.BankTransfer, loss, new Victim(AgeBand.From30To44, occupation), null, null, at.AddMinutes(20), $"h{n}"));
            return id;
        }

        // The day: five incidents, 2,449,000 yuan.
        var first = Incident("440305", At(Day, 10), FraudType.PigButchering, 880_000m);
        Incident("440304", At(Day, 11), FraudType.Loan, 12_000m);
        Incident("440106", At(Day, 12), FraudType.OrderBrushing, 1_500_000m);
        Incident("440305", At(Day, 13), FraudType.OrderBrushing, 50_000m);
        Incident("510104", At(Day, 14, 30), FraudType.FakeShopping, 7_000m, Occupation.FinanceStaff);
        var county = RegionCode.Parse("440305");
        session.Events.Append(first,
            new StopPaymentRequested(county, 200_000m, national, At(Day, 15), "brief-1", "s1"),
            new FundsFrozen(county, 100_000m, national, At(Day, 16), "brief-1", "s2"),
            new FundsReturned(county, 50_000m, national, At(Day, 17), "brief-1", "s3"),
            new CaseFiled(county, "A-1", national, At(Day, 18), "brief-1", "s4"),
            new CaseSolved(county, 2, national, At(Day, 19), "brief-1", "s5"));

        // The day before: four incidents of 25,000; a week before: five of 20,000; two weeks before: twenty-one making 100,000.
        for (var i = 0; i < 4; i++) Incident("440305", At(Day.AddDays(-1), 9, i), FraudType.Loan, 25_000m);
        for (var i = 0; i < 5; i++) Incident("440305", At(Day.AddDays(-7), 9, i), FraudType.Loan, 20_000m);
        for (var i = 0; i < 21; i++) Incident("440305", At(Day.AddDays(-14), 9, i), FraudType.Loan, i == 0 ? 5_000m : 4_750m);

        // Warnings: three on the day called back after 5, 11 and 30 minutes (two dissuaded), one the day before after 20.
        void Warning(DateTimeOffset issued, double minutes, WarningOutcome outcome)
        {
            var id = Guid.NewGuid();
            session.Events.StartStream(id,
                new WarningIssued(id, $"warn-{++n}", county, national, WarningSource.FundFlowMonitoring, WarningLevel.High, FraudType.Loan, issued, $"w{n}"),
                new WarningOutcomeRecorded(county, outcome, issued.AddMinutes(minutes), minutes, national, $"out-{n}", $"o{n}"));
        }
        Warning(At(Day, 9), 5, WarningOutcome.Dissuaded);
        Warning(At(Day, 9, 10), 11, WarningOutcome.NotReachableYet);
        Warning(At(Day, 9, 20), 30, WarningOutcome.DissuadedInPerson);
        Warning(At(Day.AddDays(-1), 9), 20, WarningOutcome.NotMatching);

        // Cards: Shenzhen gets a yellow card on the day, Chengdu's is lifted, Guangzhou has held a red one for five days.
        void Card(string region, object e) => session.Events.Append(RegionCard.StreamIdOf(RegionCode.Parse(region)), e);
        CardIssued Issued(string region, CardLevel level, DateTimeOffset at) => new(RegionCode.Parse(region), level, "victims", [],
            Day.AddDays(-30), Day.AddDays(-1), CardDecidedBy.Rules, national, "受骗群众多", at);
        Card("510100", Issued("510100", CardLevel.Yellow, At(Day.AddDays(-40), 0, 30)));
        Card("440100", Issued("440100", CardLevel.Red, At(Day.AddDays(-5), 0, 30)));
        Card("440300", Issued("440300", CardLevel.Yellow, At(Day, 0, 30)));
        Card("510100", new CardLifted(RegionCode.Parse("510100"), CardLevel.Yellow, "victims", [], Day.AddDays(-30), Day.AddDays(-1),
            CardDecidedBy.Rules, national, "连续两个月下降", At(Day, 0, 30)));

        // February's trends: Guangdong three months of decline, Zhejiang two, Sichuan one.
        var february = new DateOnly(2025, 2, 1);
        RegionMonthTrend Trend(string region, int streak) => new()
        {
            Id = RegionMonthTrend.IdOf(RegionCode.Parse(region), february), Region = RegionCode.Parse(region), Month = february,
            DeclineStreak = streak, MonthOnMonth = streak > 0 ? -0.1 : 0.1, Complete = true,
        };
        session.Store(Trend("000000", 0), Trend("440000", 3), Trend("330000", 2), Trend("510000", 1));
        await session.SaveChangesAsync();
    }
}

/// <summary>An SMTP server on a loopback port that keeps every message it receives.</summary>
public sealed class SmtpInbox : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _running;

    public int Port { get; } = FreePort();
    public ConcurrentQueue<MimeMessage> Messages { get; } = new();

    public Task StartAsync()
    {
        var options = new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Keeper(this));
        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
        return Task.CompletedTask;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class Keeper(SmtpInbox inbox) : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer,
            CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            inbox.Messages.Enqueue(MimeMessage.Load(stream));
            return Task.FromResult(SmtpResponse.Ok);
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        try { _running?.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
        _stop.Dispose();
    }
}
