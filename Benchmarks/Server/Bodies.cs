using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace AntiFraud.Benchmarks.Server;

/// <summary>Valid incident reports as lower-tier systems send them, and a paced sender.</summary>
public static class Bodies
{
    /// <summary>Counties of Shenzhen, in turn, so the roll-ups touch several rows.</summary>
    private static readonly string[] Counties = ["440303", "440304", "440305", "440306", "440307", "440308", "440309", "440310", "440311"];

    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    public static string County(long i) => Counties[(int)(i % Counties.Length)];

    public static string Incident(string externalId, string county, DateTimeOffset occurredAt) =>
        "{\"externalId\":\"" + externalId + "\",\"regionCode\":\"" + county + "\",\"occurredAt\":\"" +
        occurredAt.ToOffset(China).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture) +
        "\",\"fraudType\":\"PigButchering\",\"channel\":\"App\",\"paymentTool\":\"BankTransfer\",\"lossAmount\":12345.67," +
        "\"victim\":{\"ageBand\":\"From30To44\",\"occupation\":\"Employee\"},\"summary\":\"受害人通过交友软件结识对方，被诱导在虚假投资平台充值。\"}";

    /// <summary>A warning instruction issued two minutes ago (recent, so it is pushed).</summary>
    public static string Warning(string externalId, string county) =>
        "{\"externalId\":\"" + externalId + "\",\"regionCode\":\"" + county + "\",\"source\":\"FundFlowMonitoring\",\"level\":\"High\"," +
        "\"category\":\"FakeInvestment\",\"issuedAt\":\"" +
        DateTimeOffset.UtcNow.AddMinutes(-2).ToOffset(China).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture) + "\"}";

    public static string NewIncident(string prefix, long i) =>
        Incident($"{prefix}-{i}-{Guid.NewGuid():N}", County(i), DateTimeOffset.UtcNow.AddMinutes(-5));

    public static StringContent Json(string body)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    /// <summary>The <c>id</c> of a 201/200 answer.</summary>
    public static Guid IdOf(string answer) => JsonDocument.Parse(answer).RootElement.GetProperty("id").GetGuid();

    /// <summary>
    /// Posts single incidents at <paramref name="perSecond"/> for <paramref name="duration"/> from <paramref name="workers"/>
    /// concurrent senders: request i is sent at start + i / rate, or at once when the senders are behind.
    /// <paramref name="sent"/> is told the request number, the timestamp just before sending, the answer's status and body.
    /// </summary>
    public static Task<(long Requests, TimeSpan Elapsed)> PacedAsync(HttpClient http, double perSecond, TimeSpan duration, int workers,
        string prefix, Action<long, long, int, string> sent) =>
        PacedAsync(http, perSecond, duration, workers, i => ("api/v1/incidents", NewIncident(prefix, i)), sent);

    /// <summary>As above, with the address and body of request i given by <paramref name="request"/>.</summary>
    public static async Task<(long Requests, TimeSpan Elapsed)> PacedAsync(HttpClient http, double perSecond, TimeSpan duration, int workers,
        Func<long, (string Url, string Body)> request, Action<long, long, int, string> sent)
    {
        var total = (long)(perSecond * duration.TotalSeconds);
        long next = -1;
        var start = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                var i = Interlocked.Increment(ref next);
                if (i >= total) return;
                var due = TimeSpan.FromSeconds(i / perSecond) - Stopwatch.GetElapsedTime(start);
                if (due > TimeSpan.Zero) await Task.Delay(due);
                var (url, body) = request(i);
                var before = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.PostAsync(url, Json(body));
                    sent(i, before, (int)response.StatusCode, await response.Content.ReadAsStringAsync());
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    sent(i, before, 0, e.Message);
                }
            }
        })));
        return (total, Stopwatch.GetElapsedTime(start));
    }
}
