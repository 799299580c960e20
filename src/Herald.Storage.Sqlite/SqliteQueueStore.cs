using Herald.Core.Messages;
using Herald.Core.Queues;
using Microsoft.Data.Sqlite;

namespace Herald.Storage.Sqlite;

internal sealed class SqliteQueueStore(SqliteDatabase database) : IQueueStore
{
    private const string SelectQueues =
        "SELECT q.name, q.created_at, q.updated_at, q.parallelism, q.paused, " +
        "(SELECT COUNT(*) FROM messages m WHERE m.tenant = q.tenant AND m.queue_name = q.name AND m.state IN (0, 1, 2, 6)) " +
        "FROM queues q WHERE q.tenant = $tenant";

    public Task UpsertAsync(string tenantId, string name, int parallelism, bool paused, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.Writer.ExecuteAsync(
            context =>
            {
                var upsert = context.Command(
                    "INSERT INTO queues (tenant, name, parallelism, paused, created_at, updated_at) VALUES ($tenant, $name, $parallelism, $paused, $now, $now) " +
                    "ON CONFLICT (tenant, name) DO UPDATE SET parallelism = excluded.parallelism, paused = excluded.paused, updated_at = excluded.updated_at");
                upsert.Parameters.AddWithValue("$tenant", tenantId);
                upsert.Parameters.AddWithValue("$name", name);
                upsert.Parameters.AddWithValue("$parallelism", parallelism);
                upsert.Parameters.AddWithValue("$paused", paused ? 1 : 0);
                upsert.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
                upsert.ExecuteNonQuery();
                SqliteLanes.Wake(context, tenantId, LaneKind.Queue, name, now);
                return 0;
            },
            cancellationToken);

    public Task<QueueInfo?> GetAsync(string tenantId, string name, CancellationToken cancellationToken)
    {
        using var connection = database.OpenReader();
        return Task.FromResult(Load(connection, tenantId, name).FirstOrDefault());
    }

    public Task<IReadOnlyList<QueueInfo>> ListAsync(string tenantId, CancellationToken cancellationToken)
    {
        using var connection = database.OpenReader();
        return Task.FromResult<IReadOnlyList<QueueInfo>>(Load(connection, tenantId, null));
    }

    public Task<bool> DeleteAsync(string tenantId, string name, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.Writer.ExecuteAsync(
            context =>
            {
                var delete = context.Command("DELETE FROM queues WHERE tenant = $tenant AND name = $name");
                delete.Parameters.AddWithValue("$tenant", tenantId);
                delete.Parameters.AddWithValue("$name", name);
                if (delete.ExecuteNonQuery() == 0)
                {
                    return false;
                }

                // The queue's waiting messages are cancelled; an attempt in flight finishes as CANCELED.
                var pending = new List<(long Seq, MessageState State)>();
                var select = context.Command("SELECT seq, state FROM messages WHERE tenant = $tenant AND queue_name = $name AND state IN (0, 1, 2, 6)");
                select.Parameters.AddWithValue("$tenant", tenantId);
                select.Parameters.AddWithValue("$name", name);
                using (var r = select.ExecuteReader())
                {
                    while (r.Read())
                    {
                        pending.Add((r.GetInt64(0), (MessageState)r.GetInt32(1)));
                    }
                }

                foreach (var (seq, state) in pending)
                {
                    if (state == MessageState.CancelRequested)
                    {
                        continue;
                    }

                    if (state == MessageState.Active)
                    {
                        var update = context.Command("UPDATE messages SET state = 6 WHERE seq = $seq");
                        update.Parameters.AddWithValue("$seq", seq);
                        update.ExecuteNonQuery();
                        EventRows.Insert(context, seq, MessageState.CancelRequested, now);
                    }
                    else
                    {
                        EventRows.Insert(context, seq, MessageState.Canceled, now);
                        var remove = context.Command("DELETE FROM messages WHERE seq = $seq");
                        remove.Parameters.AddWithValue("$seq", seq);
                        remove.ExecuteNonQuery();
                    }
                }

                SqliteLanes.Drop(context, tenantId, LaneKind.Queue, name);
                return true;
            },
            cancellationToken);

    public Task<bool> SetPausedAsync(string tenantId, string name, bool paused, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.Writer.ExecuteAsync(
            context =>
            {
                var update = context.Command("UPDATE queues SET paused = $paused, updated_at = $now WHERE tenant = $tenant AND name = $name");
                update.Parameters.AddWithValue("$paused", paused ? 1 : 0);
                update.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
                update.Parameters.AddWithValue("$tenant", tenantId);
                update.Parameters.AddWithValue("$name", name);
                if (update.ExecuteNonQuery() == 0)
                {
                    return false;
                }

                SqliteLanes.Wake(context, tenantId, LaneKind.Queue, name, now);
                return true;
            },
            cancellationToken);

    private static List<QueueInfo> Load(SqliteConnection connection, string tenantId, string? name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = SelectQueues + (name is null ? "" : " AND q.name = $name") + " ORDER BY q.name";
        command.Parameters.AddWithValue("$tenant", tenantId);
        if (name is not null)
        {
            command.Parameters.AddWithValue("$name", name);
        }

        var queues = new List<QueueInfo>();
        using var r = command.ExecuteReader();
        while (r.Read())
        {
            queues.Add(new QueueInfo(
                r.GetString(0),
                DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(1)),
                DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(2)),
                r.GetInt32(3),
                r.GetInt32(4) != 0,
                r.GetInt64(5)));
        }

        return queues;
    }
}
