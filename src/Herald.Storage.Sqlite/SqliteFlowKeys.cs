using Herald.Core.Messages;

namespace Herald.Storage.Sqlite;

/// <summary>Flow-control key rows: limits from the latest message unless pinned, and the rate window.</summary>
internal static class SqliteFlowKeys
{
    /// <summary>Parallelism (in flight) is counted from the messages themselves, so it can never drift.</summary>
    private const string ActiveSql =
        "SELECT COUNT(*) FROM messages WHERE tenant = $tenant AND flow_key = $key AND state IN (1, 6)";

    public static void Configure(SqliteWriteContext context, string tenantId, FlowControl flow)
    {
        var upsert = context.Command(
            "INSERT INTO flow_keys (tenant, key, parallelism, rate, period_ms) VALUES ($tenant, $key, $parallelism, $rate, $period) " +
            "ON CONFLICT (tenant, key) DO UPDATE SET " +
            "parallelism = CASE WHEN pinned_parallelism = 1 THEN parallelism ELSE excluded.parallelism END, " +
            "rate = CASE WHEN pinned_rate = 1 THEN rate ELSE excluded.rate END, " +
            "period_ms = CASE WHEN pinned_rate = 1 THEN period_ms ELSE excluded.period_ms END");
        upsert.Parameters.AddWithValue("$tenant", tenantId);
        upsert.Parameters.AddWithValue("$key", flow.Key);
        upsert.Parameters.AddWithValue("$parallelism", (object?)flow.Parallelism ?? DBNull.Value);
        upsert.Parameters.AddWithValue("$rate", (object?)flow.Rate ?? DBNull.Value);
        upsert.Parameters.AddWithValue("$period", (long)flow.Period.TotalMilliseconds);
        upsert.ExecuteNonQuery();
    }

    /// <summary>The key's row and its starts in the last period (older starts are forgotten); null when unknown.</summary>
    public static FlowKeyRow? Read(SqliteWriteContext context, string tenantId, string key, DateTimeOffset now)
    {
        var select = context.Command(
            "SELECT parallelism, rate, period_ms, paused, pinned_parallelism, pinned_rate FROM flow_keys WHERE tenant = $tenant AND key = $key");
        select.Parameters.AddWithValue("$tenant", tenantId);
        select.Parameters.AddWithValue("$key", key);
        FlowKeyRow row;
        using (var r = select.ExecuteReader())
        {
            if (!r.Read())
            {
                return null;
            }

            row = new FlowKeyRow(
                r.IsDBNull(0) ? null : r.GetInt32(0),
                r.IsDBNull(1) ? null : r.GetInt32(1),
                r.GetInt64(2),
                r.GetInt32(3) != 0,
                r.GetInt32(4) != 0,
                r.GetInt32(5) != 0,
                0,
                null);
        }

        var since = now.ToUnixTimeMilliseconds() - row.PeriodMs;
        var forget = context.Command("DELETE FROM flow_starts WHERE tenant = $tenant AND key = $key AND time <= $since");
        forget.Parameters.AddWithValue("$tenant", tenantId);
        forget.Parameters.AddWithValue("$key", key);
        forget.Parameters.AddWithValue("$since", since);
        forget.ExecuteNonQuery();

        var window = context.Command("SELECT COUNT(*), MIN(time) FROM flow_starts WHERE tenant = $tenant AND key = $key");
        window.Parameters.AddWithValue("$tenant", tenantId);
        window.Parameters.AddWithValue("$key", key);
        using (var r = window.ExecuteReader())
        {
            r.Read();
            row = row with { StartsInPeriod = r.GetInt32(0), OldestStartInPeriod = r.IsDBNull(1) ? null : r.GetInt64(1) };
        }

        return row;
    }

    public static int Active(SqliteWriteContext context, string tenantId, string key)
    {
        var count = context.Command(ActiveSql);
        count.Parameters.AddWithValue("$tenant", tenantId);
        count.Parameters.AddWithValue("$key", key);
        return Convert.ToInt32(count.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>How many more attempts may start now (parallelism and rate), and when to look again if none.</summary>
    public static (int Available, DateTimeOffset? RetryAt) Capacity(FlowKeyRow row, int active, DateTimeOffset now)
    {
        if (row.Paused)
        {
            return (0, null);
        }

        var available = int.MaxValue;
        if (row.Parallelism is { } parallelism)
        {
            available = Math.Min(available, parallelism - active);
        }

        if (available <= 0)
        {
            // Waits for an attempt with this key to end, which wakes the lane.
            return (0, null);
        }

        if (row.Rate is { } rate)
        {
            available = Math.Min(available, rate - row.StartsInPeriod);
            if (available <= 0)
            {
                return (0, NextFreeSlot(row));
            }
        }

        return (available, now);
    }

    /// <summary>Records <paramref name="started"/> attempts starting now against the rate.</summary>
    public static FlowKeyRow Consume(SqliteWriteContext context, string tenantId, string key, FlowKeyRow row, int started, DateTimeOffset now)
    {
        if (started == 0 || row.Rate is null)
        {
            return row;
        }

        var insert = context.Command("INSERT INTO flow_starts (tenant, key, time) VALUES ($tenant, $key, $time)");
        for (var i = 0; i < started; i++)
        {
            insert.Parameters.Clear();
            insert.Parameters.AddWithValue("$tenant", tenantId);
            insert.Parameters.AddWithValue("$key", key);
            insert.Parameters.AddWithValue("$time", now.ToUnixTimeMilliseconds());
            insert.ExecuteNonQuery();
        }

        return row with
        {
            StartsInPeriod = row.StartsInPeriod + started,
            OldestStartInPeriod = row.OldestStartInPeriod ?? now.ToUnixTimeMilliseconds(),
        };
    }

    /// <summary>Forgets every recorded start (reset, pin).</summary>
    public static void ResetStarts(SqliteWriteContext context, string tenantId, string key)
    {
        var delete = context.Command("DELETE FROM flow_starts WHERE tenant = $tenant AND key = $key");
        delete.Parameters.AddWithValue("$tenant", tenantId);
        delete.Parameters.AddWithValue("$key", key);
        delete.ExecuteNonQuery();
    }

    /// <summary>When the oldest start leaves the period (a slot frees; if the rate was lowered, the lane looks again then).</summary>
    private static DateTimeOffset NextFreeSlot(FlowKeyRow row) =>
        DateTimeOffset.FromUnixTimeMilliseconds((row.OldestStartInPeriod ?? 0) + row.PeriodMs + 1);
}
