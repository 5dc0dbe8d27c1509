using System.Globalization;
using AntiFraud.Domain.Figures;
using AntiFraud.Domain.Incidents;
using AntiFraud.Domain.Regions;
using Npgsql;

namespace AntiFraud.Domain.Trends;

/// <summary>
/// Sums the per-day roll-ups into months inside PostgreSQL: one grouped scan of the day documents instead of loading every
/// one of them into the process.
/// </summary>
public static class MonthTotals
{
    /// <summary>Each region's figures per month, for the whole months from <paramref name="fromMonth"/> to <paramref name="toMonth"/>.</summary>
    public static async Task<Dictionary<(RegionCode Region, DateOnly Month), MonthFigures>> ReadAsync(NpgsqlDataSource dataSource, string schema,
        DateOnly fromMonth, DateOnly toMonth, CancellationToken ct)
    {
        var sums = await SumAsync(dataSource, schema, fromMonth, toMonth.AddMonths(1).AddDays(-1), byMonth: true, ct);
        return sums.ToDictionary(kv => (kv.Key.Region, DateOnly.ParseExact(kv.Key.Month + "01", "yyyyMMdd", CultureInfo.InvariantCulture)),
            kv => kv.Value.ToFigures());
    }

    /// <summary>Each region's figures summed over the China days from <paramref name="from"/> to <paramref name="to"/>, inclusive.</summary>
    public static async Task<Dictionary<RegionCode, MonthFigures>> ReadDaysAsync(NpgsqlDataSource dataSource, string schema,
        DateOnly from, DateOnly to, CancellationToken ct)
    {
        var sums = await SumAsync(dataSource, schema, from, to, byMonth: false, ct);
        return sums.ToDictionary(kv => kv.Key.Region, kv => kv.Value.ToFigures());
    }

    /// <summary>
    /// The running month's bases of comparison: the month before and the same month a year before, each over the days the
    /// running month has had up to and including <paramref name="today"/> (see <see cref="RunningMonth.SameDays"/>).
    /// </summary>
    public static async Task<RunningMonth> ReadRunningMonthAsync(NpgsqlDataSource dataSource, string schema, DateOnly today, CancellationToken ct)
    {
        var month = RegionMonthTrend.MonthOf(today);
        var (monthBeforeFrom, monthBeforeTo) = RunningMonth.SameDays(month.AddMonths(-1), today.Day);
        var (yearBeforeFrom, yearBeforeTo) = RunningMonth.SameDays(month.AddYears(-1), today.Day);
        return new RunningMonth(month, today.Day,
            await ReadDaysAsync(dataSource, schema, monthBeforeFrom, monthBeforeTo, ct),
            await ReadDaysAsync(dataSource, schema, yearBeforeFrom, yearBeforeTo, ct));
    }

    /// <summary>Sums the day documents from <paramref name="from"/> to <paramref name="to"/> per region, and per month when <paramref name="byMonth"/>.</summary>
    private static async Task<Dictionary<(RegionCode Region, string Month), Row>> SumAsync(NpgsqlDataSource dataSource, string schema,
        DateOnly from, DateOnly to, bool byMonth, CancellationToken ct)
    {
        var table = $"{schema}.mt_doc_{nameof(RegionDayTotals).ToLowerInvariant()}";
        // Day document ids are "<region>:<yyyyMMdd>": the day and its month are slices of the id.
        var month = byMonth ? "substr(id, 8, 6)" : "''";
        var fromDay = from.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var toDay = to.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

        var totals = new Dictionary<(RegionCode, string), Row>();
        await using (var command = dataSource.CreateCommand($"""
            select substr(id, 1, 6), {month},
                   sum((data->>'Incidents')::bigint), sum((data->>'Loss')::numeric),
                   sum((data->>'DensLocatedHere')::bigint), sum((data->>'PerpetratorsFromHere')::bigint),
                   sum((data->'Activity'->>'TwoCardsCases')::bigint), sum((data->'Activity'->>'GangsBusted')::bigint),
                   sum((data->>'WarningsIssued')::bigint), sum((data->>'Dissuaded')::bigint)
            from {table}
            where substr(id, 8, 8) between $1 and $2
            group by 1, 2
            """))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = fromDay });
            command.Parameters.Add(new NpgsqlParameter { Value = toDay });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                totals[(RegionCode.Parse(reader.GetString(0)), reader.GetString(1))] = new Row(reader.GetInt64(2), reader.GetDecimal(3), reader.GetInt64(4),
                    reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7), reader.GetInt64(8), reader.GetInt64(9), []);
            }
        }

        await using (var command = dataSource.CreateCommand($"""
            select substr(id, 1, 6), {month}, kv.key, sum(kv.value::bigint)
            from {table}, jsonb_each_text(data->'IncidentsByType') kv
            where substr(id, 8, 8) between $1 and $2
            group by 1, 2, 3
            """))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = fromDay });
            command.Parameters.Add(new NpgsqlParameter { Value = toDay });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                if (totals.TryGetValue((RegionCode.Parse(reader.GetString(0)), reader.GetString(1)), out var row) &&
                    Enum.TryParse<FraudType>(reader.GetString(2), out var type) && reader.GetInt64(3) is var count and not 0)
                    row.ByType[type] = count;
            }
        }
        return totals;
    }

    private sealed record Row(long Incidents, decimal Loss, long Dens, long Perpetrators, long TwoCards, long Gangs, long Warnings, long Dissuaded,
        Dictionary<FraudType, long> ByType)
    {
        public MonthFigures ToFigures() => new(Incidents, Loss, ByType, Dens, Perpetrators, TwoCards, Gangs, Warnings, Dissuaded);
    }
}
