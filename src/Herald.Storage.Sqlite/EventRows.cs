using Herald.Core.Delivery;
using Herald.Core.Messages;

namespace Herald.Storage.Sqlite;

/// <summary>Writes event rows by copying the message's filterable attributes inside SQLite (no round trip).</summary>
internal static class EventRows
{
    private const string InsertFromMessageSql =
        "INSERT INTO events (tenant, time, message_id, state, url, host, path, topic_name, endpoint_name, queue_name, schedule_id, " +
        "labels, flow_key, caller_ip, retried, next_delivery_time, error, error_category, response_status, response_headers, " +
        "response_body, latency_ms) " +
        "SELECT tenant, ?1, id, ?2, url, host, path, topic_name, endpoint_name, queue_name, schedule_id, labels, flow_key, " +
        "caller_ip, retried, ?3, ?4, ?5, ?6, ?7, ?8, ?9 FROM messages WHERE seq = ?10";

    private const string InsertCreatedSql =
        "INSERT INTO events (tenant, time, message_id, state, url, host, path, topic_name, endpoint_name, queue_name, schedule_id, " +
        "labels, flow_key, caller_ip, retried, next_delivery_time) VALUES (?1, ?2, ?3, 0, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, 0, ?14)";

    /// <summary>The CREATED event of a message just inserted, from the values at hand (no read back).</summary>
    public static void InsertCreated(SqliteWriteContext context, string tenant, string messageId, DateTimeOffset time, MessageSpec spec, string host, string path) =>
        context.Statement(InsertCreatedSql)
            .Text(1, tenant)
            .Int(2, time.ToUnixTimeMilliseconds())
            .Text(3, messageId)
            .Text(4, spec.Url)
            .Text(5, host)
            .Text(6, path)
            .Text(7, spec.TopicName)
            .Text(8, spec.EndpointName)
            .Text(9, spec.QueueName)
            .Text(10, spec.ScheduleId)
            .Text(11, StoredJson.JoinLabels(spec.Labels))
            .Text(12, spec.FlowControl?.Key)
            .Text(13, spec.CallerIp)
            .Int(14, spec.NotBefore.ToUnixTimeMilliseconds())
            .Run();

    public static void Insert(
        SqliteWriteContext context,
        long seq,
        MessageState state,
        DateTimeOffset time,
        DateTimeOffset? nextDelivery = null,
        string? error = null,
        AttemptResult? attempt = null)
    {
        context.Statement(InsertFromMessageSql)
            .Int(1, time.ToUnixTimeMilliseconds())
            .Int(2, (int)state)
            .Int(3, nextDelivery?.ToUnixTimeMilliseconds())
            .Text(4, error ?? attempt?.Error)
            .Text(5, attempt?.Category is { } category ? FailureCategories.ToWire(category) : null)
            .Int(6, attempt?.Status)
            .Text(7, attempt?.ResponseHeaders is { } headers ? StoredJson.SerializeHeaders(headers) : null)
            .Blob(8, attempt?.ResponseBody)
            .Int(9, attempt is null ? null : (long)attempt.Latency.TotalMilliseconds)
            .Int(10, seq)
            .Run();
    }
}
