using Herald.Core.Messages;

namespace Herald.Storage.Sqlite;

/// <summary>
/// Keeps the <c>lanes</c> table right. A lane's <c>next_due_at</c> may be earlier than the moment it really has
/// something to start (a spurious look costs one evaluation) but never later: every event that can make a lane
/// startable (a publish into it, an attempt of its messages ending, a resume, a pin) moves it to now or earlier.
/// NULL means the lane waits for such an event.
/// </summary>
internal static class SqliteLanes
{
    private const string RegisterSql =
        "INSERT INTO lanes (tenant, kind, name, next_due_at) VALUES ($tenant, $kind, $name, $due) " +
        "ON CONFLICT (tenant, kind, name) DO UPDATE SET next_due_at = min(next_due_at, excluded.next_due_at) WHERE next_due_at IS NOT NULL";

    private const string WakeSql =
        "UPDATE lanes SET next_due_at = $now WHERE tenant = $tenant AND kind = $kind AND name = $name AND (next_due_at IS NULL OR next_due_at > $now)";

    // The lanes a message takes part in: its queue, the queue its callback holds, its flow key.
    private const string WakeForMessageSql =
        "UPDATE lanes SET next_due_at = ?2 WHERE (next_due_at IS NULL OR next_due_at > ?2) AND (tenant, kind, name) IN (" +
        "SELECT tenant, 0, queue_name FROM messages WHERE seq = ?1 AND queue_name IS NOT NULL " +
        "UNION ALL SELECT tenant, 0, hold_queue FROM messages WHERE seq = ?1 AND hold_queue IS NOT NULL " +
        "UNION ALL SELECT tenant, 1, flow_key FROM messages WHERE seq = ?1 AND flow_key IS NOT NULL)";

    /// <summary>A new message: its lane exists and looks at it no later than its not-before time.</summary>
    public static void Register(SqliteWriteContext context, string tenantId, MessageSpec spec)
    {
        if (spec.QueueName is { } queue)
        {
            var create = context.Command(
                "INSERT OR IGNORE INTO queues (tenant, name, parallelism, paused, created_at, updated_at) VALUES ($tenant, $name, 1, 0, $now, $now)");
            create.Parameters.AddWithValue("$tenant", tenantId);
            create.Parameters.AddWithValue("$name", queue);
            create.Parameters.AddWithValue("$now", spec.NotBefore.ToUnixTimeMilliseconds());
            create.ExecuteNonQuery();
            Upsert(context, tenantId, LaneKind.Queue, queue, spec.NotBefore);
        }

        if (spec.FlowControl is { } flow)
        {
            SqliteFlowKeys.Configure(context, tenantId, flow);
            if (spec.QueueName is null)
            {
                Upsert(context, tenantId, LaneKind.FlowKey, flow.Key, spec.NotBefore);
            }
        }
    }

    /// <summary>Something changed for this message (attempt ended, cancelled, rescued): its lanes look again now.</summary>
    public static void WakeFor(SqliteWriteContext context, long seq, DateTimeOffset now)
    {
        context.Statement(WakeForMessageSql).Int(1, seq).Int(2, now.ToUnixTimeMilliseconds()).Run();
    }

    public static void Wake(SqliteWriteContext context, string tenantId, LaneKind kind, string name, DateTimeOffset now)
    {
        var wake = context.Command(WakeSql);
        wake.Parameters.AddWithValue("$tenant", tenantId);
        wake.Parameters.AddWithValue("$kind", (int)kind);
        wake.Parameters.AddWithValue("$name", name);
        wake.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        wake.ExecuteNonQuery();
    }

    /// <summary>Sets when the lane looks next (null: wait for an event), or drops it when it has nothing left.</summary>
    public static void Set(SqliteWriteContext context, string tenantId, LaneKind kind, string name, DateTimeOffset? nextDueAt)
    {
        var update = context.Command("UPDATE lanes SET next_due_at = $due WHERE tenant = $tenant AND kind = $kind AND name = $name");
        update.Parameters.AddWithValue("$tenant", tenantId);
        update.Parameters.AddWithValue("$kind", (int)kind);
        update.Parameters.AddWithValue("$name", name);
        update.Parameters.AddWithValue("$due", nextDueAt is { } due ? due.ToUnixTimeMilliseconds() : DBNull.Value);
        update.ExecuteNonQuery();
    }

    public static void Drop(SqliteWriteContext context, string tenantId, LaneKind kind, string name)
    {
        var delete = context.Command("DELETE FROM lanes WHERE tenant = $tenant AND kind = $kind AND name = $name");
        delete.Parameters.AddWithValue("$tenant", tenantId);
        delete.Parameters.AddWithValue("$kind", (int)kind);
        delete.Parameters.AddWithValue("$name", name);
        delete.ExecuteNonQuery();
    }

    private static void Upsert(SqliteWriteContext context, string tenantId, LaneKind kind, string name, DateTimeOffset due)
    {
        var upsert = context.Command(RegisterSql);
        upsert.Parameters.AddWithValue("$tenant", tenantId);
        upsert.Parameters.AddWithValue("$kind", (int)kind);
        upsert.Parameters.AddWithValue("$name", name);
        upsert.Parameters.AddWithValue("$due", due.ToUnixTimeMilliseconds());
        upsert.ExecuteNonQuery();
    }
}
