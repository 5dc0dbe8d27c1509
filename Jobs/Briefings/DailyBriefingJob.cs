using AntiFraud.Domain.Briefings;
using AntiFraud.Domain.Common;
using AntiFraud.Domain.Regions;
using Hangfire;
using Marten;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AntiFraud.Jobs.Briefings;

/// <summary>What a run did: the day, how many briefings it wrote (0 when rerun over unchanged data) and how many it mailed.</summary>
public sealed record BriefingRunResult(DateOnly Day, int Regions, int Written, int Unchanged, int Mailed);

/// <summary>
/// At 08:00 China time, the briefings on the previous China day for the configured regions. One document per region and day
/// (<see cref="Briefing.IdOf"/>): a rerun over the same data leaves them as they were; a rerun after late reports rewrites the ones
/// whose facts changed. Each briefing is mailed once, after it is stored, so a retry after a mail failure sends what is left.
/// </summary>
public sealed class DailyBriefingJob(IDocumentStore store, BriefingGatherer gatherer, RegionCatalog catalog, BriefingMailer mailer,
    IOptions<BriefingOptions> options, TimeProvider clock, ILogger<DailyBriefingJob> logger)
{
    /// <summary>The previous China day's briefings (the schedule's and the "write now" button's job).</summary>
    [AutomaticRetry(Attempts = 3)]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public Task<BriefingRunResult> RunAsync(CancellationToken ct) => WriteAsync(Yesterday(clock), ct);

    /// <summary>The China day before the one <paramref name="clock"/> is in.</summary>
    public static DateOnly Yesterday(TimeProvider clock) => ChinaTime.DayOf(clock.GetUtcNow()).AddDays(-1);

    public async Task<BriefingRunResult> WriteAsync(DateOnly day, CancellationToken ct)
    {
        var regions = options.Value.RegionsIn(catalog);
        IReadOnlyList<Briefing> fresh;
        await using (var query = store.QuerySession())
            fresh = await gatherer.GatherAsync(query, regions, day, ct);

        var now = clock.GetUtcNow();
        var kept = new List<Briefing>();
        var written = 0;
        await using (var session = store.LightweightSession())
        {
            var stored = (await session.LoadManyAsync<Briefing>(ct, fresh.Select(b => b.Id).ToArray())).ToDictionary(b => b.Id);
            foreach (var briefing in fresh)
            {
                if (stored.TryGetValue(briefing.Id, out var old) && Briefing.SameFacts(old.Facts, briefing.Facts))
                {
                    kept.Add(old);
                    continue;
                }
                briefing.WrittenAt = now;
                // A correction after late reports is not mailed again.
                briefing.MailedAt = old?.MailedAt;
                session.Store(briefing);
                kept.Add(briefing);
                written++;
            }
            if (written > 0) await session.SaveChangesAsync(ct);
        }

        var mailed = 0;
        if (mailer.Enabled)
        {
            var sent = await mailer.SendAsync(kept.Where(b => b.MailedAt is null).ToList(), ct);
            if (sent.Count > 0)
            {
                await using var session = store.LightweightSession();
                foreach (var briefing in sent)
                {
                    briefing.MailedAt = clock.GetUtcNow();
                    session.Store(briefing);
                }
                await session.SaveChangesAsync(ct);
            }
            mailed = sent.Count;
        }

        logger.LogInformation("Briefings for {Day:yyyy-MM-dd}: {Regions} regions, {Written} written, {Unchanged} unchanged, {Mailed} mailed",
            day, fresh.Count, written, fresh.Count - written, mailed);
        return new BriefingRunResult(day, fresh.Count, written, fresh.Count - written, mailed);
    }
}
