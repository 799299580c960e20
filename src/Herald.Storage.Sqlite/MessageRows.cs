using Herald.Core.Messages;
using Herald.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Herald.Storage.Sqlite;

/// <summary>The message columns shared by <c>messages</c> and <c>dlq</c>, and how they map to <see cref="Message"/>.</summary>
internal static class MessageRows
{
    public const string Columns =
        "id, tenant, state, url, host, path, topic_name, endpoint_name, queue_name, schedule_id, method, headers, body, " +
        "max_retries, retry_delay, timeout_ms, not_before, created_at, caller_ip, labels, flow_key, extras, retried, next_attempt_at, hold_queue";

    public const int ColumnCount = 25;

    /// <summary>
    /// The insert with positional parameters, for <see cref="RawStatement"/>; the lease (<c>?25</c>, <c>?26</c>) is
    /// NULL unless the message is claimed at publish time.
    /// </summary>
    public const string RawInsertSql =
        "INSERT INTO messages (" + Columns + ", lease_token, lease_expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, " +
        "?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, 0, ?23, ?24, ?25, ?26)";

    /// <summary>
    /// Inserts a new message, CREATED or, with a <paramref name="claim"/>, ACTIVE under that lease, and returns its row
    /// id; <paramref name="host"/> and <paramref name="path"/> come from <see cref="HostAndPath"/>.
    /// </summary>
    public static long Insert(SqliteWriteContext context, string id, string tenant, DateTimeOffset createdAt, MessageSpec spec, string host, string path, PublishClaim? claim = null)
    {
        var insert = context.Statement(RawInsertSql)
            .Text(1, id)
            .Text(2, tenant)
            .Int(3, (int)(claim is null ? MessageState.Created : MessageState.Active))
            .Text(4, spec.Url)
            .Text(5, host)
            .Text(6, path)
            .Text(7, spec.TopicName)
            .Text(8, spec.EndpointName)
            .Text(9, spec.QueueName)
            .Text(10, spec.ScheduleId)
            .Text(11, spec.Method)
            .Text(12, StoredJson.SerializeHeaders(spec.Headers))
            .Blob(13, spec.Body)
            .Int(14, spec.MaxRetries)
            .Text(15, spec.RetryDelayExpression)
            .Int(16, (long)spec.Timeout.TotalMilliseconds)
            .Int(17, spec.NotBefore.ToUnixTimeMilliseconds())
            .Int(18, createdAt.ToUnixTimeMilliseconds())
            .Text(19, spec.CallerIp)
            .Text(20, StoredJson.JoinLabels(spec.Labels))
            .Text(21, spec.FlowControl?.Key)
            .Text(22, StoredJson.SerializeExtras(spec))
            .Int(23, spec.NotBefore.ToUnixTimeMilliseconds())
            .Text(24, spec.HoldsQueue)
            .Int(25, claim?.LeaseToken)
            .Int(26, claim?.LeaseExpiresAt.ToUnixTimeMilliseconds());
        insert.Run();
        return insert.LastInsertRowId;
    }

    /// <summary>Reads the <see cref="Columns"/> starting at <paramref name="start"/>.</summary>
    public static Message Read(SqliteDataReader r, int start = 0)
    {
        var spec = new MessageSpec
        {
            Url = r.GetString(start + 3),
            TopicName = NullableString(r, start + 6),
            EndpointName = NullableString(r, start + 7),
            QueueName = NullableString(r, start + 8),
            ScheduleId = NullableString(r, start + 9),
            Method = r.GetString(start + 10),
            Headers = StoredJson.DeserializeHeaders(r.GetString(start + 11)),
            Body = (byte[])r.GetValue(start + 12),
            MaxRetries = r.GetInt32(start + 13),
            RetryDelayExpression = NullableString(r, start + 14),
            Timeout = TimeSpan.FromMilliseconds(r.GetInt64(start + 15)),
            NotBefore = DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(start + 16)),
            CallerIp = NullableString(r, start + 18),
            Labels = StoredJson.SplitLabels(NullableString(r, start + 19)),
            HoldsQueue = NullableString(r, start + 24),
        };
        spec = StoredJson.WithExtras(spec, NullableString(r, start + 21), NullableString(r, start + 20));
        return new Message
        {
            Id = r.GetString(start),
            TenantId = r.GetString(start + 1),
            State = (MessageState)r.GetInt32(start + 2),
            CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(start + 17)),
            Spec = spec,
            Retried = r.GetInt32(start + 22),
            NextAttemptAt = DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(start + 23)),
        };
    }

    public static string? NullableString(SqliteDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : r.GetString(ordinal);

    /// <summary>Host (lower case, no port) and path of a URL, stored for the <c>host</c> and <c>path</c> filters.</summary>
    public static (string Host, string Path) HostAndPath(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? (uri.Host.ToLowerInvariant(), uri.AbsolutePath) : ("", "");
}
