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
        "SELECT tenant, $time, id, $state, url, host, path, topic_name, endpoint_name, queue_name, schedule_id, labels, flow_key, " +
        "caller_ip, retried, $next, $error, $category, $status, $rheaders, $rbody, $latency FROM messages WHERE seq = $seq";

    public static void Insert(
        SqliteWriteContext context,
        long seq,
        MessageState state,
        DateTimeOffset time,
        DateTimeOffset? nextDelivery = null,
        string? error = null,
        AttemptResult? attempt = null)
    {
        var command = context.Command(InsertFromMessageSql);
        var p = command.Parameters;
        p.AddWithValue("$seq", seq);
        p.AddWithValue("$time", time.ToUnixTimeMilliseconds());
        p.AddWithValue("$state", (int)state);
        p.AddWithValue("$next", nextDelivery is { } next ? next.ToUnixTimeMilliseconds() : DBNull.Value);
        p.AddWithValue("$error", (object?)(error ?? attempt?.Error) ?? DBNull.Value);
        p.AddWithValue("$category", attempt?.Category is { } category ? FailureCategories.ToWire(category) : DBNull.Value);
        p.AddWithValue("$status", (object?)attempt?.Status ?? DBNull.Value);
        p.AddWithValue("$rheaders", attempt?.ResponseHeaders is { } headers ? StoredJson.SerializeHeaders(headers) : DBNull.Value);
        p.AddWithValue("$rbody", (object?)attempt?.ResponseBody ?? DBNull.Value);
        p.AddWithValue("$latency", attempt is null ? DBNull.Value : (long)attempt.Latency.TotalMilliseconds);
        command.ExecuteNonQuery();
    }
}
