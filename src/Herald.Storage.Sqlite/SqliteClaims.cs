using Herald.Core.Messages;
using Herald.Core.Storage;

namespace Herald.Storage.Sqlite;

/// <summary>
/// The claim, in one writer transaction. Gated work goes through lanes first: a queue starts its messages in
/// enqueue order with at most <c>parallelism</c> started-but-unfinished (retries and the callbacks they created
/// included); a flow-control key starts at most <c>parallelism</c> in flight and <c>rate</c> per sliding period.
/// Free work (no queue, no key) is then taken oldest-due first. A lane that cannot start anything records when
/// it may (or NULL: when an attempt ends), so blocked lanes cost nothing until something changes.
/// </summary>
internal static class SqliteClaims
{
    private const int LanesPerClaim = 512;

    // A queue message waiting on its flow key's parallelism is looked at again after this long (or earlier, when an
    // attempt of the key ends and wakes the key's own lane; queue lanes are not linked to keys).
    private static readonly TimeSpan FlowBlockedQueueRecheck = TimeSpan.FromMilliseconds(250);

    private const string SelectColumns = "SELECT seq, " + MessageRows.Columns + " FROM messages ";

    public static ClaimResult Claim(SqliteWriteContext context, DateTimeOffset now, int limit, TimeSpan leaseMargin)
    {
        var claimed = new List<ClaimedMessage>(Math.Min(limit, 1024));
        var batch = new ClaimBatch(context, now, limit, leaseMargin, claimed);
        ClaimLanes(batch);
        ClaimFree(batch);
        return new ClaimResult(claimed, NextDue(context));
    }

    private static void ClaimLanes(ClaimBatch batch)
    {
        var lanes = new List<(string Tenant, LaneKind Kind, string Name)>();
        var select = batch.Context.Command(
            "SELECT tenant, kind, name FROM lanes WHERE next_due_at IS NOT NULL AND next_due_at <= $now ORDER BY next_due_at LIMIT $n");
        select.Parameters.AddWithValue("$now", batch.Now.ToUnixTimeMilliseconds());
        select.Parameters.AddWithValue("$n", LanesPerClaim);
        using (var r = select.ExecuteReader())
        {
            while (r.Read())
            {
                lanes.Add((r.GetString(0), (LaneKind)r.GetInt32(1), r.GetString(2)));
            }
        }

        foreach (var (tenant, kind, name) in lanes)
        {
            if (batch.Full)
            {
                return;
            }

            if (kind == LaneKind.Queue)
            {
                ClaimQueue(batch, tenant, name);
            }
            else
            {
                ClaimFlowKey(batch, tenant, name);
            }
        }
    }

    private static void ClaimQueue(ClaimBatch batch, string tenant, string queue)
    {
        var context = batch.Context;
        var settings = context.Command("SELECT parallelism, paused FROM queues WHERE tenant = $tenant AND name = $name");
        settings.Parameters.AddWithValue("$tenant", tenant);
        settings.Parameters.AddWithValue("$name", queue);
        var (parallelism, paused) = (1, false);
        using (var r = settings.ExecuteReader())
        {
            if (r.Read())
            {
                (parallelism, paused) = (r.GetInt32(0), r.GetInt32(1) != 0);
            }
        }

        if (paused)
        {
            SqliteLanes.Set(context, tenant, LaneKind.Queue, queue, null);
            return;
        }

        var holdsCommand = context.Command("SELECT COUNT(*) FROM messages WHERE tenant = $tenant AND hold_queue = $name AND state IN (0, 1, 2, 6)");
        holdsCommand.Parameters.AddWithValue("$tenant", tenant);
        holdsCommand.Parameters.AddWithValue("$name", queue);
        var holds = Convert.ToInt32(holdsCommand.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);

        var window = parallelism - holds;
        var rows = new List<(long Seq, Message Message)>();
        if (window > 0)
        {
            var head = context.Command(SelectColumns + "WHERE tenant = $tenant AND queue_name = $name AND state IN (0, 1, 2, 6) ORDER BY seq LIMIT $n");
            head.Parameters.AddWithValue("$tenant", tenant);
            head.Parameters.AddWithValue("$name", queue);
            head.Parameters.AddWithValue("$n", window);
            Read(head, rows);
        }

        if (rows.Count == 0 && holds == 0)
        {
            SqliteLanes.Drop(context, tenant, LaneKind.Queue, queue);
            return;
        }

        DateTimeOffset? next = null;
        foreach (var (seq, message) in rows)
        {
            if (message.State is MessageState.Active or MessageState.CancelRequested)
            {
                continue;
            }

            if (message.NextAttemptAt > batch.Now)
            {
                next = Earliest(next, message.NextAttemptAt);
                if (message.State == MessageState.Created)
                {
                    // Strict FIFO: nothing behind a message that has not started may start before it.
                    break;
                }

                continue;
            }

            if (batch.Full)
            {
                next = batch.Now;
                break;
            }

            if (message.Spec.FlowControl is { } flow && !TryTakeFlowSlot(batch, tenant, flow.Key, out var retryAt))
            {
                next = Earliest(next, retryAt);
                break;
            }

            batch.Start(seq, message);
        }

        SqliteLanes.Set(context, tenant, LaneKind.Queue, queue, next);
    }

    private static bool TryTakeFlowSlot(ClaimBatch batch, string tenant, string key, out DateTimeOffset retryAt)
    {
        retryAt = batch.Now + FlowBlockedQueueRecheck;
        var row = SqliteFlowKeys.Read(batch.Context, tenant, key, batch.Now);
        if (row is null)
        {
            return true;
        }

        var (available, when) = SqliteFlowKeys.Capacity(row, SqliteFlowKeys.Active(batch.Context, tenant, key), batch.Now);
        if (available <= 0)
        {
            retryAt = when ?? retryAt;
            return false;
        }

        SqliteFlowKeys.Consume(batch.Context, tenant, key, row, 1, batch.Now);
        return true;
    }

    private static void ClaimFlowKey(ClaimBatch batch, string tenant, string key)
    {
        var context = batch.Context;
        var row = SqliteFlowKeys.Read(context, tenant, key, batch.Now)
            ?? new FlowKeyRow(null, null, 1000, Paused: false, PinnedParallelism: false, PinnedRate: false, 0, null);
        var active = SqliteFlowKeys.Active(context, tenant, key);
        var (available, retryAt) = SqliteFlowKeys.Capacity(row, active, batch.Now);
        var started = 0;
        if (available > 0)
        {
            var due = context.Command(SelectColumns +
                "WHERE tenant = $tenant AND flow_key = $key AND queue_name IS NULL AND state IN (0, 2) AND next_attempt_at <= $now " +
                "ORDER BY next_attempt_at LIMIT $n");
            due.Parameters.AddWithValue("$tenant", tenant);
            due.Parameters.AddWithValue("$key", key);
            due.Parameters.AddWithValue("$now", batch.Now.ToUnixTimeMilliseconds());
            due.Parameters.AddWithValue("$n", Math.Min(available, batch.Remaining));
            var rows = new List<(long Seq, Message Message)>();
            Read(due, rows);
            foreach (var (seq, message) in rows)
            {
                batch.Start(seq, message);
            }

            started = rows.Count;
            row = SqliteFlowKeys.Consume(context, tenant, key, row, started, batch.Now);
            (available, retryAt) = SqliteFlowKeys.Capacity(row, active + started, batch.Now);
        }

        var pendingCommand = context.Command(
            "SELECT MIN(next_attempt_at) FROM messages WHERE tenant = $tenant AND flow_key = $key AND queue_name IS NULL AND state IN (0, 2)");
        pendingCommand.Parameters.AddWithValue("$tenant", tenant);
        pendingCommand.Parameters.AddWithValue("$key", key);
        if (pendingCommand.ExecuteScalar() is not long pendingMs)
        {
            SqliteLanes.Drop(context, tenant, LaneKind.FlowKey, key);
            return;
        }

        var pending = DateTimeOffset.FromUnixTimeMilliseconds(pendingMs);
        SqliteLanes.Set(context, tenant, LaneKind.FlowKey, key, available > 0 ? Latest(pending, batch.Now) : retryAt);
    }

    private static void ClaimFree(ClaimBatch batch)
    {
        if (batch.Full)
        {
            return;
        }

        var select = batch.Context.Command(SelectColumns +
            "WHERE state IN (0, 2) AND queue_name IS NULL AND flow_key IS NULL AND next_attempt_at <= $now ORDER BY next_attempt_at LIMIT $n");
        select.Parameters.AddWithValue("$now", batch.Now.ToUnixTimeMilliseconds());
        select.Parameters.AddWithValue("$n", batch.Remaining);
        var rows = new List<(long Seq, Message Message)>();
        Read(select, rows);
        foreach (var (seq, message) in rows)
        {
            batch.Start(seq, message);
        }
    }

    private static DateTimeOffset? NextDue(SqliteWriteContext context)
    {
        var free = context.Command("SELECT MIN(next_attempt_at) FROM messages WHERE state IN (0, 2) AND queue_name IS NULL AND flow_key IS NULL").ExecuteScalar();
        var lane = context.Command("SELECT MIN(next_due_at) FROM lanes WHERE next_due_at IS NOT NULL").ExecuteScalar();
        DateTimeOffset? next = free is long f ? DateTimeOffset.FromUnixTimeMilliseconds(f) : null;
        return lane is long l ? Earliest(next, DateTimeOffset.FromUnixTimeMilliseconds(l)) : next;
    }

    private static void Read(Microsoft.Data.Sqlite.SqliteCommand command, List<(long Seq, Message Message)> rows)
    {
        using var r = command.ExecuteReader();
        while (r.Read())
        {
            rows.Add((r.GetInt64(0), MessageRows.Read(r, 1)));
        }
    }

    private static DateTimeOffset Earliest(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x < b ? x : b;

    private static DateTimeOffset Latest(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    /// <summary>The claims of one transaction, and how to start one.</summary>
    private sealed class ClaimBatch(SqliteWriteContext context, DateTimeOffset now, int limit, TimeSpan leaseMargin, List<ClaimedMessage> claimed)
    {
        public SqliteWriteContext Context { get; } = context;

        public DateTimeOffset Now { get; } = now;

        public bool Full => claimed.Count >= limit;

        public int Remaining => limit - claimed.Count;

        public void Start(long seq, Message message)
        {
            var token = LeaseTokens.New();
            var expires = Now + message.Spec.Timeout + leaseMargin;
            Context.Statement("UPDATE messages SET state = 1, lease_token = ?1, lease_expires_at = ?2 WHERE seq = ?3")
                .Int(1, token)
                .Int(2, expires.ToUnixTimeMilliseconds())
                .Int(3, seq)
                .Run();
            EventRows.Insert(Context, seq, MessageState.Active, Now);
            claimed.Add(new ClaimedMessage(message with { State = MessageState.Active }, token, expires));
        }
    }
}
