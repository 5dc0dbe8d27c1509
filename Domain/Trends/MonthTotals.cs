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
    public static async Task<Dictionary<(RegionCode Region, DateOnly Month), MonthFigures>> ReadAsync(NpgsqlDataSource dataSource, string schema,
        DateOnly fromMonth, DateOnly toMonth, CancellationToken ct)
    {
        var table = $"{schema}.mt_doc_{nameof(RegionDayTotals).ToLowerInvariant()}";
        var from = fromMonth.ToString("yyyyMM", CultureInfo.InvariantCulture);
        var to = toMonth.ToString("yyyyMM", CultureInfo.InvariantCulture);

        var totals = new Dictionary<(RegionCode, DateOnly), Row>();
        await using (var command = dataSource.CreateCommand($"""
            select substr(id, 1, 6), substr(id, 8, 6),
                   sum((data->>'Incidents')::bigint), sum((data->>'Loss')::numeric),
                   sum((data->>'DensLocatedHere')::bigint), sum((data->>'PerpetratorsFromHere')::bigint),
                   sum((data->'Activity'->>'TwoCardsCases')::bigint), sum((data->'Activity'->>'GangsBusted')::bigint),
                   sum((data->>'WarningsIssued')::bigint), sum((data->>'Dissuaded')::bigint)
            from {table}
            where substr(id, 8, 6) between $1 and $2
            group by 1, 2
            """))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = from });
            command.Parameters.Add(new NpgsqlParameter { Value = to });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var key = Key(reader.GetString(0), reader.GetString(1));
                totals[key] = new Row(reader.GetInt64(2), reader.GetDecimal(3), reader.GetInt64(4), reader.GetInt64(5),
                    reader.GetInt64(6), reader.GetInt64(7), reader.GetInt64(8), reader.GetInt64(9), []);
            }
        }

        await using (var command = dataSource.CreateCommand($"""
            select substr(id, 1, 6), substr(id, 8, 6), kv.key, sum(kv.value::bigint)
            from {table}, jsonb_each_text(data->'IncidentsByType') kv
            where substr(id, 8, 6) between $1 and $2
            group by 1, 2, 3
            """))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = from });
            command.Parameters.Add(new NpgsqlParameter { Value = to });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                if (totals.TryGetValue(Key(reader.GetString(0), reader.GetString(1)), out var row) &&
                    Enum.TryParse<FraudType>(reader.GetString(2), out var type) && reader.GetInt64(3) is var count and not 0)
                    row.ByType[type] = count;
            }
        }

        return totals.ToDictionary(kv => kv.Key, kv => kv.Value.ToFigures());
    }

    private static (RegionCode, DateOnly) Key(string region, string month) =>
        (RegionCode.Parse(region), DateOnly.ParseExact(month + "01", "yyyyMMdd", CultureInfo.InvariantCulture));

    private sealed record Row(long Incidents, decimal Loss, long Dens, long Perpetrators, long TwoCards, long Gangs, long Warnings, long Dissuaded,
        Dictionary<FraudType, long> ByType)
    {
        public MonthFigures ToFigures() => new(Incidents, Loss, ByType, Dens, Perpetrators, TwoCards, Gangs, Warnings, Dissuaded);
    }
}
