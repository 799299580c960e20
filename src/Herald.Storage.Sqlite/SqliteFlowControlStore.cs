using Herald.Core.FlowControls;

namespace Herald.Storage.Sqlite;

/// <summary>
/// Flow-control keys through the writer connection: reading a key rolls its rate log forward, so reads and
/// updates share one consistent view with the claims.
/// </summary>
internal sealed class SqliteFlowControlStore(SqliteDatabase database) : IFlowControlStore
{
    public Task<FlowControlState?> GetAsync(string tenantId, string key, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.Writer.ExecuteAsync(context => State(context, tenantId, key, now), cancellationToken);

    public Task<IReadOnlyList<FlowControlState>> ListAsync(string tenantId, string? search, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.Writer.ExecuteAsync<IReadOnlyList<FlowControlState>>(
            context =>
            {
                var keys = new List<string>();
                var select = context.Command("SELECT key FROM flow_keys WHERE tenant = $tenant AND ($search IS NULL OR instr(key, $search) > 0) ORDER BY key");
                select.Parameters.AddWithValue("$tenant", tenantId);
                select.Parameters.AddWithValue("$search", (object?)search ?? DBNull.Value);
                using (var r = select.ExecuteReader())
                {
                    while (r.Read())
                    {
                        keys.Add(r.GetString(0));
                    }
                }

                return keys.Select(k => State(context, tenantId, k, now)!).ToList();
            },
            cancellationToken);

    public Task<bool> SetPausedAsync(string tenantId, string key, bool paused, DateTimeOffset now, CancellationToken cancellationToken) =>
        Update(tenantId, key, now, paused, resetRate: false, cancellationToken);

    public Task<bool> PinAsync(string tenantId, string key, int? parallelism, int? rate, TimeSpan? period, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.Writer.ExecuteAsync(
            context =>
            {
                var pin = context.Command(
                    "UPDATE flow_keys SET " +
                    "parallelism = CASE WHEN $parallelism IS NULL THEN parallelism ELSE $parallelism END, " +
                    "pinned_parallelism = CASE WHEN $parallelism IS NULL THEN pinned_parallelism ELSE 1 END, " +
                    "rate = CASE WHEN $rate IS NULL THEN rate ELSE $rate END, " +
                    "period_ms = CASE WHEN $period IS NULL THEN period_ms ELSE $period END, " +
                    "pinned_rate = CASE WHEN $rate IS NULL AND $period IS NULL THEN pinned_rate ELSE 1 END " +
                    "WHERE tenant = $tenant AND key = $key");
                pin.Parameters.AddWithValue("$parallelism", (object?)parallelism ?? DBNull.Value);
                pin.Parameters.AddWithValue("$rate", (object?)rate ?? DBNull.Value);
                pin.Parameters.AddWithValue("$period", period is { } p ? (long)p.TotalMilliseconds : DBNull.Value);
                pin.Parameters.AddWithValue("$tenant", tenantId);
                pin.Parameters.AddWithValue("$key", key);
                if (pin.ExecuteNonQuery() == 0)
                {
                    return false;
                }

                SqliteFlowKeys.ResetStarts(context, tenantId, key);
                SqliteLanes.Wake(context, tenantId, LaneKind.FlowKey, key, now);
                return true;
            },
            cancellationToken);

    public Task<bool> UnpinAsync(string tenantId, string key, bool parallelism, bool rate, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.Writer.ExecuteAsync(
            context =>
            {
                var unpin = context.Command(
                    "UPDATE flow_keys SET pinned_parallelism = CASE WHEN $p = 1 THEN 0 ELSE pinned_parallelism END, " +
                    "pinned_rate = CASE WHEN $r = 1 THEN 0 ELSE pinned_rate END WHERE tenant = $tenant AND key = $key");
                unpin.Parameters.AddWithValue("$p", parallelism ? 1 : 0);
                unpin.Parameters.AddWithValue("$r", rate ? 1 : 0);
                unpin.Parameters.AddWithValue("$tenant", tenantId);
                unpin.Parameters.AddWithValue("$key", key);
                return unpin.ExecuteNonQuery() > 0;
            },
            cancellationToken);

    public Task<bool> ResetRateAsync(string tenantId, string key, DateTimeOffset now, CancellationToken cancellationToken) =>
        Update(tenantId, key, now, paused: null, resetRate: true, cancellationToken);

    /// <summary>Sets the paused flag (when given) and/or forgets the rate log, then wakes the key's lane.</summary>
    private Task<bool> Update(string tenantId, string key, DateTimeOffset now, bool? paused, bool resetRate, CancellationToken cancellationToken) =>
        database.Writer.ExecuteAsync(
            context =>
            {
                var update = context.Command("UPDATE flow_keys SET paused = COALESCE($paused, paused) WHERE tenant = $tenant AND key = $key");
                update.Parameters.AddWithValue("$paused", paused is { } p ? (p ? 1 : 0) : DBNull.Value);
                update.Parameters.AddWithValue("$tenant", tenantId);
                update.Parameters.AddWithValue("$key", key);
                if (update.ExecuteNonQuery() == 0)
                {
                    return false;
                }

                if (resetRate)
                {
                    SqliteFlowKeys.ResetStarts(context, tenantId, key);
                }

                SqliteLanes.Wake(context, tenantId, LaneKind.FlowKey, key, now);
                return true;
            },
            cancellationToken);

    private static FlowControlState? State(SqliteWriteContext context, string tenantId, string key, DateTimeOffset now)
    {
        if (SqliteFlowKeys.Read(context, tenantId, key, now) is not { } row)
        {
            return null;
        }

        var waiting = context.Command("SELECT COUNT(*) FROM messages WHERE tenant = $tenant AND flow_key = $key AND state IN (0, 2)");
        waiting.Parameters.AddWithValue("$tenant", tenantId);
        waiting.Parameters.AddWithValue("$key", key);
        return new FlowControlState
        {
            Key = key,
            WaitListSize = (long)waiting.ExecuteScalar()!,
            ParallelismMax = row.Parallelism,
            ParallelismCount = SqliteFlowKeys.Active(context, tenantId, key),
            RateMax = row.Rate,
            RateCount = row.StartsInPeriod,
            RatePeriod = TimeSpan.FromMilliseconds(row.PeriodMs),
            RatePeriodStart = row.OldestStartInPeriod is { } oldest ? DateTimeOffset.FromUnixTimeMilliseconds(oldest) : now,
            IsPaused = row.Paused,
            IsPinnedParallelism = row.PinnedParallelism,
            IsPinnedRate = row.PinnedRate,
        };
    }
}
