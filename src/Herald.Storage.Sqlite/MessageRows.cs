using Herald.Core.Messages;
using Microsoft.Data.Sqlite;

namespace Herald.Storage.Sqlite;

/// <summary>The message columns shared by <c>messages</c> and <c>dlq</c>, and how they map to <see cref="Message"/>.</summary>
internal static class MessageRows
{
    public const string Columns =
        "id, tenant, state, url, host, path, topic_name, endpoint_name, queue_name, schedule_id, method, headers, body, " +
        "max_retries, retry_delay, timeout_ms, not_before, created_at, caller_ip, labels, flow_key, extras, retried, next_attempt_at, hold_queue";

    public const int ColumnCount = 25;

    public const string InsertSql =
        "INSERT INTO messages (" + Columns + ") VALUES ($id, $tenant, $state, $url, $host, $path, $topic_name, $endpoint_name, " +
        "$queue_name, $schedule_id, $method, $headers, $body, $max_retries, $retry_delay, $timeout_ms, $not_before, $created_at, " +
        "$caller_ip, $labels, $flow_key, $extras, 0, $next_attempt_at, $hold_queue)";

    public static void BindInsert(SqliteCommand command, string id, string tenant, DateTimeOffset createdAt, MessageSpec spec)
    {
        var (host, path) = HostAndPath(spec.Url);
        var p = command.Parameters;
        p.AddWithValue("$id", id);
        p.AddWithValue("$tenant", tenant);
        p.AddWithValue("$state", (int)MessageState.Created);
        p.AddWithValue("$url", spec.Url);
        p.AddWithValue("$host", host);
        p.AddWithValue("$path", path);
        p.AddWithValue("$topic_name", (object?)spec.TopicName ?? DBNull.Value);
        p.AddWithValue("$endpoint_name", (object?)spec.EndpointName ?? DBNull.Value);
        p.AddWithValue("$queue_name", (object?)spec.QueueName ?? DBNull.Value);
        p.AddWithValue("$schedule_id", (object?)spec.ScheduleId ?? DBNull.Value);
        p.AddWithValue("$method", spec.Method);
        p.AddWithValue("$headers", StoredJson.SerializeHeaders(spec.Headers));
        p.AddWithValue("$body", spec.Body);
        p.AddWithValue("$max_retries", spec.MaxRetries);
        p.AddWithValue("$retry_delay", (object?)spec.RetryDelayExpression ?? DBNull.Value);
        p.AddWithValue("$timeout_ms", (long)spec.Timeout.TotalMilliseconds);
        p.AddWithValue("$not_before", spec.NotBefore.ToUnixTimeMilliseconds());
        p.AddWithValue("$created_at", createdAt.ToUnixTimeMilliseconds());
        p.AddWithValue("$caller_ip", (object?)spec.CallerIp ?? DBNull.Value);
        p.AddWithValue("$labels", (object?)StoredJson.JoinLabels(spec.Labels) ?? DBNull.Value);
        p.AddWithValue("$flow_key", (object?)spec.FlowControl?.Key ?? DBNull.Value);
        p.AddWithValue("$extras", (object?)StoredJson.SerializeExtras(spec) ?? DBNull.Value);
        p.AddWithValue("$next_attempt_at", spec.NotBefore.ToUnixTimeMilliseconds());
        p.AddWithValue("$hold_queue", (object?)spec.HoldsQueue ?? DBNull.Value);
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
