using Herald.Core.Delivery;
using Herald.Core.Messages;
using Herald.Core.Storage;

namespace Herald.Storage.Sqlite;

internal sealed class SqliteMessageStore(SqliteDatabase database) : IMessageStore
{
    private const int CancelChunk = 2000;
    private const int RescueChunk = 1000;

    private const string ActiveStates = "(1, 6)";

    public Task<IReadOnlyList<PublishOutcome>> PublishAsync(IReadOnlyList<NewMessage> messages, CancellationToken cancellationToken) =>
        database.Writer.ExecuteAsync<IReadOnlyList<PublishOutcome>>(
            context =>
            {
                var outcomes = new PublishOutcome[messages.Count];
                for (var i = 0; i < messages.Count; i++)
                {
                    outcomes[i] = Insert(context, messages[i]);
                }

                return outcomes;
            },
            cancellationToken);

    public Task<ClaimResult> ClaimDueAsync(DateTimeOffset now, int limit, TimeSpan leaseMargin, CancellationToken cancellationToken) =>
        database.Writer.ExecuteAsync(context => SqliteClaims.Claim(context, now, limit, leaseMargin), cancellationToken);

    public Task<IReadOnlyList<CompletionStatus>> CompleteAsync(IReadOnlyList<AttemptCompletion> completions, CancellationToken cancellationToken) =>
        database.Writer.ExecuteAsync<IReadOnlyList<CompletionStatus>>(
            context =>
            {
                var statuses = new CompletionStatus[completions.Count];
                for (var i = 0; i < completions.Count; i++)
                {
                    statuses[i] = Complete(context, completions[i]);
                }

                return statuses;
            },
            cancellationToken);

    public async Task<int> RescueExpiredLeasesAsync(DateTimeOffset now, IReadOnlyCollection<long> heldLeaseTokens, CancellationToken cancellationToken)
    {
        var held = "[" + string.Join(',', heldLeaseTokens.Select(t => t.ToString(System.Globalization.CultureInfo.InvariantCulture))) + "]";
        var total = 0;
        while (true)
        {
            var rescued = await database.Writer.ExecuteAsync(
                context =>
                {
                    var expired = new List<(long Seq, MessageState State)>();
                    var select = context.Command(
                        "SELECT seq, state FROM messages WHERE state IN " + ActiveStates + " AND lease_expires_at <= $now " +
                        "AND lease_token NOT IN (SELECT value FROM json_each($held)) LIMIT $limit");
                    select.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
                    select.Parameters.AddWithValue("$held", held);
                    select.Parameters.AddWithValue("$limit", RescueChunk);
                    using (var reader = select.ExecuteReader())
                    {
                        while (reader.Read())
                        {
                            expired.Add((reader.GetInt64(0), (MessageState)reader.GetInt32(1)));
                        }
                    }

                    foreach (var (seq, state) in expired)
                    {
                        SqliteLanes.WakeFor(context, seq, now);
                        if (state == MessageState.CancelRequested)
                        {
                            EndCanceled(context, seq, now);
                            continue;
                        }

                        // The attempt may or may not have reached the destination: count it, deliver again now.
                        EventRows.Insert(context, seq, MessageState.Error, now, error: "attempt interrupted: the lease expired before its outcome was recorded");
                        ReturnToDue(context, seq, now, countAttempt: true);
                        EventRows.Insert(context, seq, MessageState.Retry, now, nextDelivery: now);
                    }

                    return expired.Count;
                },
                cancellationToken).ConfigureAwait(false);
            total += rescued;
            if (rescued < RescueChunk)
            {
                return total;
            }
        }
    }

    public Task<int> ReleaseAsync(IReadOnlyList<LeaseRef> leases, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.Writer.ExecuteAsync(
            context =>
            {
                var released = 0;
                foreach (var lease in leases)
                {
                    if (FindLeased(context, lease.MessageId, lease.LeaseToken) is not { } found)
                    {
                        continue;
                    }

                    var (seq, state, _, _) = found;
                    SqliteLanes.WakeFor(context, seq, now);

                    if (state == MessageState.CancelRequested)
                    {
                        EndCanceled(context, seq, now);
                    }
                    else
                    {
                        ReturnToDue(context, seq, now, countAttempt: false);
                        EventRows.Insert(context, seq, MessageState.Retry, now, nextDelivery: now, error: "attempt released at shutdown");
                    }

                    released++;
                }

                return released;
            },
            cancellationToken);

    public Task<Message?> GetAsync(string tenantId, string messageId, CancellationToken cancellationToken)
    {
        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT " + MessageRows.Columns + " FROM messages WHERE id = $id AND tenant = $tenant";
        command.Parameters.AddWithValue("$id", messageId);
        command.Parameters.AddWithValue("$tenant", tenantId);
        using var reader = command.ExecuteReader();
        return Task.FromResult(reader.Read() ? MessageRows.Read(reader) : null);
    }

    public async Task<CancelResult> CancelAsync(string tenantId, QueryFilter filter, int? limit, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var cancelled = 0;
        var inFlight = new List<string>();
        var where = FilterSql.Build(filter, "", "created_at", "id");
        while (true)
        {
            var chunk = limit is { } l ? Math.Min(l - cancelled, CancelChunk) : CancelChunk;
            if (chunk <= 0)
            {
                break;
            }

            var (done, active) = await database.Writer.ExecuteAsync(
                context =>
                {
                    var rows = new List<(long Seq, string Id, MessageState State)>();
                    var activeIds = new List<string>();
                    using (var select = context.AdHoc(
                        "SELECT seq, id, state FROM messages WHERE tenant = $tenant AND state IN (0, 1, 2)" + where + " ORDER BY seq LIMIT $limit"))
                    {
                        select.Parameters.AddWithValue("$tenant", tenantId);
                        select.Parameters.AddWithValue("$limit", chunk);
                        where.Bind(select);
                        using var reader = select.ExecuteReader();
                        while (reader.Read())
                        {
                            rows.Add((reader.GetInt64(0), reader.GetString(1), (MessageState)reader.GetInt32(2)));
                        }
                    }

                    foreach (var (seq, id, state) in rows)
                    {
                        SqliteLanes.WakeFor(context, seq, now);
                        if (state == MessageState.Active)
                        {
                            var update = context.Command("UPDATE messages SET state = 6 WHERE seq = $seq");
                            update.Parameters.AddWithValue("$seq", seq);
                            update.ExecuteNonQuery();
                            EventRows.Insert(context, seq, MessageState.CancelRequested, now);
                            activeIds.Add(id);
                        }
                        else
                        {
                            EndCanceled(context, seq, now);
                        }
                    }

                    return (rows.Count, activeIds);
                },
                cancellationToken).ConfigureAwait(false);
            cancelled += done;
            inFlight.AddRange(active);
            if (done < chunk)
            {
                break;
            }
        }

        return new CancelResult(cancelled, inFlight);
    }

    /// <summary>Inserts one message (and its CREATED event and dedup key) unless its dedup key is taken.</summary>
    internal static PublishOutcome Insert(SqliteWriteContext context, NewMessage message)
    {
        if (message.DedupKey is { } key)
        {
            var existing = context.Command("SELECT message_id FROM dedup WHERE tenant = $tenant AND key = $key AND expires_at > $now");
            existing.Parameters.AddWithValue("$tenant", message.TenantId);
            existing.Parameters.AddWithValue("$key", key);
            existing.Parameters.AddWithValue("$now", message.CreatedAt.ToUnixTimeMilliseconds());
            if (existing.ExecuteScalar() is string original)
            {
                return new PublishOutcome(original, Deduplicated: true);
            }
        }

        var (host, path) = MessageRows.HostAndPath(message.Spec.Url);
        var seq = MessageRows.Insert(context, message.Id, message.TenantId, message.CreatedAt, message.Spec, host, path, message.Claim);
        EventRows.InsertCreated(context, message.TenantId, message.Id, message.CreatedAt, message.Spec, host, path);
        if (message.Claim is not null)
        {
            EventRows.Insert(context, seq, MessageState.Active, message.CreatedAt);
        }

        SqliteLanes.Register(context, message.TenantId, message.Spec);

        if (message.DedupKey is { } dedupKey)
        {
            var remember = context.Command(
                "INSERT OR REPLACE INTO dedup (tenant, key, message_id, expires_at) VALUES ($tenant, $key, $id, $expires)");
            remember.Parameters.AddWithValue("$tenant", message.TenantId);
            remember.Parameters.AddWithValue("$key", dedupKey);
            remember.Parameters.AddWithValue("$id", message.Id);
            remember.Parameters.AddWithValue("$expires", message.DedupExpiresAt.ToUnixTimeMilliseconds());
            remember.ExecuteNonQuery();
        }

        return new PublishOutcome(message.Id, Deduplicated: false);
    }

    private static CompletionStatus Complete(SqliteWriteContext context, AttemptCompletion completion)
    {
        if (FindLeased(context, completion.MessageId, completion.LeaseToken) is not { } found)
        {
            return CompletionStatus.Stale;
        }

        var (seq, state, tenant, gated) = found;
        if (gated)
        {
            SqliteLanes.WakeFor(context, seq, completion.CompletedAt);
        }


        var now = completion.CompletedAt;
        var result = completion.Result;
        if (state == MessageState.CancelRequested && completion.Decision != MessageState.Delivered)
        {
            // The attempt is recorded like any other; the cancel wins over retries and the DLQ.
            EventRows.Insert(context, seq, MessageState.Error, now, attempt: result);
            EndCanceled(context, seq, now);
            return CompletionStatus.Applied;
        }

        switch (completion.Decision)
        {
            case MessageState.Delivered:
                EventRows.Insert(context, seq, MessageState.Delivered, now, attempt: result with { ResponseBody = null, ResponseHeaders = null });
                context.Statement("UPDATE messages SET state = 4, retried = retried + 1, lease_token = NULL, lease_expires_at = NULL, finished_at = ?1 WHERE seq = ?2")
                    .Int(1, now.ToUnixTimeMilliseconds())
                    .Int(2, seq)
                    .Run();
                break;

            case MessageState.Retry:
                var next = completion.NextAttemptAt ?? now;
                EventRows.Insert(context, seq, MessageState.Error, now, nextDelivery: next, attempt: result);
                context.Statement("UPDATE messages SET state = 2, retried = retried + 1, next_attempt_at = ?1, lease_token = NULL, lease_expires_at = NULL WHERE seq = ?2")
                    .Int(1, next.ToUnixTimeMilliseconds())
                    .Int(2, seq)
                    .Run();
                EventRows.Insert(context, seq, MessageState.Retry, now, nextDelivery: next);
                break;

            case MessageState.Failed:
                EventRows.Insert(context, seq, MessageState.Error, now, attempt: result);
                var failed = context.Command(
                    "UPDATE messages SET state = 5, retried = retried + 1, lease_token = NULL, lease_expires_at = NULL WHERE seq = $seq");
                failed.Parameters.AddWithValue("$seq", seq);
                failed.ExecuteNonQuery();
                EventRows.Insert(context, seq, MessageState.Failed, now, error: result.Error);
                MoveToDlq(context, seq, completion.DlqId ?? throw new InvalidOperationException("a failed completion needs a DLQ id"), now, result);
                break;

            default:
                throw new ArgumentException($"unsupported completion decision {completion.Decision}", nameof(completion));
        }

        foreach (var followUp in completion.FollowUps)
        {
            Insert(context, followUp with { TenantId = tenant });
        }

        return CompletionStatus.Applied;
    }

    private static void MoveToDlq(SqliteWriteContext context, long seq, string dlqId, DateTimeOffset now, AttemptResult result)
    {
        var move = context.Command(
            "INSERT INTO dlq (dlq_id, " + MessageRows.Columns + ", failed_at, response_status, response_headers, response_body, error, error_category) " +
            "SELECT $dlq_id, " + MessageRows.Columns + ", $now, $status, $headers, $body, $error, $category FROM messages WHERE seq = $seq");
        var p = move.Parameters;
        p.AddWithValue("$dlq_id", dlqId);
        p.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        p.AddWithValue("$status", result.Status ?? 0);
        p.AddWithValue("$headers", result.ResponseHeaders is { } headers ? StoredJson.SerializeHeaders(headers) : DBNull.Value);
        p.AddWithValue("$body", (object?)result.ResponseBody ?? DBNull.Value);
        p.AddWithValue("$error", (object?)result.Error ?? DBNull.Value);
        p.AddWithValue("$category", result.Category is { } category ? FailureCategories.ToWire(category) : DBNull.Value);
        p.AddWithValue("$seq", seq);
        move.ExecuteNonQuery();
        Delete(context, seq);
    }

    /// <summary>The leased row of a message, if the token still holds it; <c>Gated</c>: it takes part in a lane.</summary>
    private static (long Seq, MessageState State, string Tenant, bool Gated)? FindLeased(SqliteWriteContext context, string messageId, long leaseToken)
    {
        var find = context.Statement(
                "SELECT seq, state, tenant, queue_name IS NOT NULL OR hold_queue IS NOT NULL OR flow_key IS NOT NULL " +
                "FROM messages WHERE id = ?1 AND lease_token = ?2 AND state IN " + ActiveStates)
            .Text(1, messageId)
            .Int(2, leaseToken);
        try
        {
            return find.Step() ? (find.ColumnInt64(0), (MessageState)find.ColumnInt64(1), find.ColumnText(2), find.ColumnInt64(3) != 0) : null;
        }
        finally
        {
            find.Reset();
        }
    }

    private static void ReturnToDue(SqliteWriteContext context, long seq, DateTimeOffset now, bool countAttempt)
    {
        var update = context.Command(countAttempt
            ? "UPDATE messages SET state = 2, retried = retried + 1, next_attempt_at = $now, lease_token = NULL, lease_expires_at = NULL WHERE seq = $seq"
            : "UPDATE messages SET state = 2, next_attempt_at = $now, lease_token = NULL, lease_expires_at = NULL WHERE seq = $seq");
        update.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        update.Parameters.AddWithValue("$seq", seq);
        update.ExecuteNonQuery();
    }

    private static void EndCanceled(SqliteWriteContext context, long seq, DateTimeOffset now)
    {
        EventRows.Insert(context, seq, MessageState.Canceled, now);
        Delete(context, seq);
    }

    private static void Delete(SqliteWriteContext context, long seq)
    {
        var delete = context.Command("DELETE FROM messages WHERE seq = $seq");
        delete.Parameters.AddWithValue("$seq", seq);
        delete.ExecuteNonQuery();
    }
}
