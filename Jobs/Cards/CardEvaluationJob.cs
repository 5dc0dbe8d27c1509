using AntiFraud.Domain.Cards;
using AntiFraud.Domain.Common;
using AntiFraud.Domain.Regions;
using AntiFraud.Domain.Trends;
using Hangfire;
using Marten;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AntiFraud.Jobs.Cards;

/// <summary>What an evaluation did. A second run on the same data finds nothing to do.</summary>
public sealed record CardEvaluationResult(CardWindow Window, int RegionsRead, int Issued, int Escalated, int Lifted, IReadOnlyDictionary<CardIndicator, long> Lines);

/// <summary>
/// Nightly (and on demand): reads the four indicators of every region of the carded tier over the window, sets each line
/// among them, and appends a card event wherever the rules decide something new. One transaction for the whole run.
/// </summary>
public sealed class CardEvaluationJob(IDocumentStore store, NpgsqlDataSource dataSource, RegionCatalog catalog, TimeProvider clock,
    IOptions<CardRules> rules, ILogger<CardEvaluationJob> logger)
{
    [AutomaticRetry(Attempts = 3)]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public async Task<CardEvaluationResult> RunAsync(CancellationToken ct)
    {
        var r = rules.Value;
        var now = clock.GetUtcNow();
        var window = CardWindow.EndingBefore(ChinaTime.DayOf(now), r.WindowMonths);
        var months = await MonthTotals.ReadAsync(dataSource, store.Options.DatabaseSchemaName, window.Months[0], window.Months[^1], ct);

        var regions = catalog.OfTier(r.Tier).Select(x => x.Code).ToList();
        var lines = CardEvaluation.Lines(r, regions, months, window);

        await using var session = store.LightweightSession();
        var cards = (await session.Query<RegionCard>().ToListAsync(ct)).ToDictionary(c => c.Region);
        var candidates = months.Keys.Select(k => k.Region).Where(c => c.Tier == r.Tier).Concat(cards.Keys).Distinct();
        int issued = 0, escalated = 0, lifted = 0;
        foreach (var region in candidates)
        {
            var readings = CardEvaluation.Read(r, region, lines, months, window);
            var decision = CardEvaluation.Decide(r, region, cards.GetValueOrDefault(region), readings, window, now);
            if (decision is null) continue;
            session.Events.Append(RegionCard.StreamIdOf(region), decision);
            switch (decision)
            {
                case CardIssued: issued++; break;
                case CardEscalated: escalated++; break;
                case CardLifted: lifted++; break;
            }
        }
        await session.SaveChangesAsync(ct);
        logger.LogInformation("Cards over {From:yyyy-MM-dd}..{To:yyyy-MM-dd}: {Issued} issued, {Escalated} escalated, {Lifted} lifted among {Regions} regions",
            window.From, window.To, issued, escalated, lifted, regions.Count);
        return new CardEvaluationResult(window, regions.Count, issued, escalated, lifted, lines);
    }
}
