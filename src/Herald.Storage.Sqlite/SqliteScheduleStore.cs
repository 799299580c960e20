using Herald.Core.Messages;
using Herald.Core.Schedules;
using Microsoft.Data.Sqlite;

namespace Herald.Storage.Sqlite;

internal sealed class SqliteScheduleStore(SqliteDatabase database) : IScheduleStore
{
    private const string Columns =
        "tenant, id, cron, destination, queue_name, headers, body, caller_ip, created_at, paused, next_time, last_time, last_message_ids, error, revision";

    public Task<bool> UpsertAsync(Schedule schedule, CancellationToken cancellationToken) =>
        database.Writer.ExecuteAsync(
            context =>
            {
                var exists = context.Command("SELECT 1 FROM schedules WHERE tenant = $tenant AND id = $id");
                exists.Parameters.AddWithValue("$tenant", schedule.TenantId);
                exists.Parameters.AddWithValue("$id", schedule.Id);
                var replaced = exists.ExecuteScalar() is not null;

                var upsert = context.Command(
                    "INSERT INTO schedules (" + Columns + ") VALUES ($tenant, $id, $cron, $destination, $queue_name, $headers, $body, " +
                    "$caller_ip, $created_at, $paused, $next_time, $last_time, $last_message_ids, $error, 0) " +
                    "ON CONFLICT (tenant, id) DO UPDATE SET cron = excluded.cron, destination = excluded.destination, " +
                    "queue_name = excluded.queue_name, headers = excluded.headers, body = excluded.body, caller_ip = excluded.caller_ip, " +
                    "created_at = excluded.created_at, paused = excluded.paused, next_time = excluded.next_time, last_time = excluded.last_time, " +
                    "last_message_ids = excluded.last_message_ids, error = excluded.error, revision = schedules.revision + 1");
                var p = upsert.Parameters;
                p.AddWithValue("$tenant", schedule.TenantId);
                p.AddWithValue("$id", schedule.Id);
                p.AddWithValue("$cron", schedule.Cron);
                p.AddWithValue("$destination", schedule.Destination);
                p.AddWithValue("$queue_name", (object?)schedule.QueueName ?? DBNull.Value);
                p.AddWithValue("$headers", ScheduleStoredJson.SerializeHeaders(schedule.Headers));
                p.AddWithValue("$body", schedule.Body is { Length: > 0 } body ? body : DBNull.Value);
                p.AddWithValue("$caller_ip", (object?)schedule.CallerIp ?? DBNull.Value);
                p.AddWithValue("$created_at", schedule.CreatedAt.ToUnixTimeMilliseconds());
                p.AddWithValue("$paused", schedule.Paused ? 1 : 0);
                p.AddWithValue("$next_time", Millis(schedule.NextScheduleTime));
                p.AddWithValue("$last_time", Millis(schedule.LastScheduleTime));
                p.AddWithValue("$last_message_ids", (object?)ScheduleStoredJson.SerializeIds(schedule.LastMessageIds) ?? DBNull.Value);
                p.AddWithValue("$error", (object?)schedule.Error ?? DBNull.Value);
                upsert.ExecuteNonQuery();
                return replaced;
            },
            cancellationToken);

    public Task<Schedule?> GetAsync(string tenantId, string scheduleId, CancellationToken cancellationToken)
    {
        using var connection = database.OpenReader();
        var rows = Load(connection, "WHERE tenant = $tenant AND id = $id", tenantId, scheduleId);
        return Task.FromResult(rows.Count == 0 ? null : WithStates(connection, rows[0].Schedule));
    }

    public Task<IReadOnlyList<Schedule>> ListAsync(string tenantId, CancellationToken cancellationToken)
    {
        using var connection = database.OpenReader();
        var rows = Load(connection, "WHERE tenant = $tenant ORDER BY created_at, id", tenantId, null);
        return Task.FromResult<IReadOnlyList<Schedule>>([.. rows.Select(r => WithStates(connection, r.Schedule))]);
    }

    public Task<bool> DeleteAsync(string tenantId, string scheduleId, CancellationToken cancellationToken) =>
        database.Writer.ExecuteAsync(
            context =>
            {
                var delete = context.Command("DELETE FROM schedules WHERE tenant = $tenant AND id = $id");
                delete.Parameters.AddWithValue("$tenant", tenantId);
                delete.Parameters.AddWithValue("$id", scheduleId);
                return delete.ExecuteNonQuery() > 0;
            },
            cancellationToken);

    public Task<bool> SetPausedAsync(string tenantId, string scheduleId, bool paused, DateTimeOffset? nextWhenResumed, CancellationToken cancellationToken) =>
        database.Writer.ExecuteAsync(
            context =>
            {
                var update = context.Command(paused
                    ? "UPDATE schedules SET paused = 1, revision = revision + 1 WHERE tenant = $tenant AND id = $id"
                    : "UPDATE schedules SET next_time = CASE WHEN paused = 1 THEN $next ELSE next_time END, paused = 0, " +
                      "revision = revision + 1 WHERE tenant = $tenant AND id = $id");
                update.Parameters.AddWithValue("$tenant", tenantId);
                update.Parameters.AddWithValue("$id", scheduleId);
                if (!paused)
                {
                    update.Parameters.AddWithValue("$next", Millis(nextWhenResumed));
                }

                return update.ExecuteNonQuery() > 0;
            },
            cancellationToken);

    public async Task<IReadOnlyList<ScheduleTick>> FireDueAsync(
        DateTimeOffset now,
        int limit,
        Func<Schedule, CancellationToken, Task<ScheduleTick>> buildTick,
        CancellationToken cancellationToken)
    {
        List<(Schedule Schedule, long Revision)> due;
        using (var connection = database.OpenReader())
        {
            due = Load(connection, "WHERE paused = 0 AND next_time IS NOT NULL AND next_time <= $now ORDER BY next_time LIMIT $limit", null, null, now, limit);
        }

        var ticks = new List<ScheduleTick>(due.Count);
        foreach (var (schedule, _) in due)
        {
            ticks.Add(await buildTick(schedule, cancellationToken).ConfigureAwait(false));
        }

        // Submitted together, the ticks share one group commit; each is its own conditional operation.
        var commits = due.Select((d, i) => database.Writer.ExecuteAsync(context => Commit(context, d.Schedule, d.Revision, ticks[i]), cancellationToken));
        var committed = await Task.WhenAll(commits).ConfigureAwait(false);
        return [.. ticks.Where((_, i) => committed[i])];
    }

    public Task<DateTimeOffset?> NextFireTimeAsync(CancellationToken cancellationToken)
    {
        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT MIN(next_time) FROM schedules WHERE paused = 0 AND next_time IS NOT NULL";
        return Task.FromResult(command.ExecuteScalar() is long ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : (DateTimeOffset?)null);
    }

    private static bool Commit(SqliteWriteContext context, Schedule read, long revision, ScheduleTick tick)
    {
        if (tick.Messages.Any(m => m.TenantId != read.TenantId))
        {
            throw new ArgumentException("a schedule's messages belong to the schedule's tenant", nameof(tick));
        }

        var update = context.Command(
            "UPDATE schedules SET last_time = $fired, next_time = $next, last_message_ids = $ids, error = $error, revision = revision + 1 " +
            "WHERE tenant = $tenant AND id = $id AND revision = $revision AND paused = 0 AND next_time = $expected");
        var p = update.Parameters;
        p.AddWithValue("$fired", tick.FiredAt.ToUnixTimeMilliseconds());
        p.AddWithValue("$next", Millis(tick.NextScheduleTime));
        p.AddWithValue("$ids", (object?)ScheduleStoredJson.SerializeIds([.. tick.Messages.Select(m => m.Id)]) ?? DBNull.Value);
        p.AddWithValue("$error", (object?)tick.Error ?? DBNull.Value);
        p.AddWithValue("$tenant", read.TenantId);
        p.AddWithValue("$id", read.Id);
        p.AddWithValue("$revision", revision);
        p.AddWithValue("$expected", Millis(read.NextScheduleTime));
        if (update.ExecuteNonQuery() == 0)
        {
            return false;
        }

        foreach (var message in tick.Messages)
        {
            SqliteMessageStore.Insert(context, message);
        }

        return true;
    }

    private static List<(Schedule Schedule, long Revision)> Load(
        SqliteConnection connection,
        string where,
        string? tenantId,
        string? scheduleId,
        DateTimeOffset? now = null,
        int? limit = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT " + Columns + " FROM schedules " + where;
        if (tenantId is not null)
        {
            command.Parameters.AddWithValue("$tenant", tenantId);
        }

        if (scheduleId is not null)
        {
            command.Parameters.AddWithValue("$id", scheduleId);
        }

        if (now is { } n)
        {
            command.Parameters.AddWithValue("$now", n.ToUnixTimeMilliseconds());
        }

        if (limit is { } l)
        {
            command.Parameters.AddWithValue("$limit", l);
        }

        var rows = new List<(Schedule, long)>();
        using var r = command.ExecuteReader();
        while (r.Read())
        {
            rows.Add((new Schedule
            {
                TenantId = r.GetString(0),
                Id = r.GetString(1),
                Cron = r.GetString(2),
                Destination = r.GetString(3),
                QueueName = r.IsDBNull(4) ? null : r.GetString(4),
                Headers = ScheduleStoredJson.DeserializeHeaders(r.GetString(5)),
                Body = r.IsDBNull(6) ? null : (byte[])r.GetValue(6),
                CallerIp = r.IsDBNull(7) ? null : r.GetString(7),
                CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(8)),
                Paused = r.GetInt64(9) != 0,
                NextScheduleTime = r.IsDBNull(10) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(10)),
                LastScheduleTime = r.IsDBNull(11) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(11)),
                LastMessageIds = ScheduleStoredJson.DeserializeIds(r.IsDBNull(12) ? null : r.GetString(12)),
                Error = r.IsDBNull(13) ? null : r.GetString(13),
            }, r.GetInt64(14)));
        }

        return rows;
    }

    /// <summary>
    /// Where each message of the last tick stands: its row while it is pending or recently delivered, else its DLQ
    /// entry, else its last terminal event; a message none of those remember is left out.
    /// </summary>
    private static Schedule WithStates(SqliteConnection connection, Schedule schedule)
    {
        if (schedule.LastMessageIds.Count == 0)
        {
            return schedule;
        }

        var states = new Dictionary<string, ScheduleMessageState>(StringComparer.Ordinal);
        using var message = connection.CreateCommand();
        message.CommandText = "SELECT state FROM messages WHERE tenant = $tenant AND id = $id";
        using var dlq = connection.CreateCommand();
        dlq.CommandText = "SELECT 1 FROM dlq WHERE tenant = $tenant AND id = $id LIMIT 1";
        using var lastEvent = connection.CreateCommand();
        lastEvent.CommandText = "SELECT state FROM events WHERE message_id = $id AND tenant = $tenant AND state IN (4, 5, 7) ORDER BY id DESC LIMIT 1";
        foreach (var id in schedule.LastMessageIds)
        {
            if (Scalar(message, schedule.TenantId, id) is long state)
            {
                states[id] = (MessageState)state switch
                {
                    MessageState.Delivered => ScheduleMessageState.Success,
                    MessageState.Failed or MessageState.Canceled => ScheduleMessageState.Fail,
                    _ => ScheduleMessageState.InProgress,
                };
            }
            else if (Scalar(dlq, schedule.TenantId, id) is not null)
            {
                states[id] = ScheduleMessageState.Fail;
            }
            else if (Scalar(lastEvent, schedule.TenantId, id) is long final)
            {
                states[id] = (MessageState)final == MessageState.Delivered ? ScheduleMessageState.Success : ScheduleMessageState.Fail;
            }
        }

        return schedule with { LastScheduleStates = states };
    }

    private static object? Scalar(SqliteCommand command, string tenantId, string id)
    {
        command.Parameters.Clear();
        command.Parameters.AddWithValue("$tenant", tenantId);
        command.Parameters.AddWithValue("$id", id);
        return command.ExecuteScalar();
    }

    private static object Millis(DateTimeOffset? time) => time is { } t ? t.ToUnixTimeMilliseconds() : DBNull.Value;
}
