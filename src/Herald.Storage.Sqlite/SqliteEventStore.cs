using Herald.Core.Messages;
using Herald.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Herald.Storage.Sqlite;

internal sealed class SqliteEventStore(SqliteDatabase database) : IEventStore
{
    private const string Select =
        "SELECT id, time, message_id, state, url, topic_name, endpoint_name, queue_name, schedule_id, retried, next_delivery_time, " +
        "error, error_category, response_status, response_headers, response_body, latency_ms FROM events";

    public Task<Page<MessageEvent>> ListAsync(string tenantId, QueryFilter filter, PageRequest page, CancellationToken cancellationToken)
    {
        using var connection = database.OpenReader();
        var where = FilterSql.Build(filter, "", "time", "message_id");
        var cursor = page.Cursor is null ? "" : page.Descending ? " AND id < $cursor" : " AND id > $cursor";
        var rows = new List<MessageEvent>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = Select + " WHERE tenant = $tenant" + cursor + where +
                (page.Descending ? " ORDER BY id DESC" : " ORDER BY id") + " LIMIT $limit";
            command.Parameters.AddWithValue("$tenant", tenantId);
            command.Parameters.AddWithValue("$limit", page.Count + 1);
            if (page.Cursor is { } c)
            {
                command.Parameters.AddWithValue("$cursor", c);
            }

            where.Bind(command);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                rows.Add(ReadEvent(reader));
            }
        }

        long? next = rows.Count > page.Count ? rows[page.Count - 1].Id : null;
        var items = rows.Take(page.Count).ToList();
        var specs = LoadSpecs(connection, tenantId, items.Select(e => e.MessageId).Distinct(StringComparer.Ordinal).ToList());
        var withSpecs = items.Select(e => specs.TryGetValue(e.MessageId, out var spec) ? e with { Spec = spec } : e).ToList();
        return Task.FromResult(new Page<MessageEvent>(withSpecs, next));
    }

    private static MessageEvent ReadEvent(SqliteDataReader r) => new()
    {
        Id = r.GetInt64(0),
        Time = DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(1)),
        MessageId = r.GetString(2),
        State = (MessageState)r.GetInt32(3),
        Url = r.GetString(4),
        TopicName = MessageRows.NullableString(r, 5),
        EndpointName = MessageRows.NullableString(r, 6),
        QueueName = MessageRows.NullableString(r, 7),
        ScheduleId = MessageRows.NullableString(r, 8),
        Retried = r.GetInt32(9),
        NextDeliveryTime = r.IsDBNull(10) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(10)),
        Error = MessageRows.NullableString(r, 11),
        ErrorCategory = MessageRows.NullableString(r, 12),
        ResponseStatus = r.IsDBNull(13) ? null : r.GetInt32(13),
        ResponseHeaders = r.IsDBNull(14) ? null : StoredJson.DeserializeHeaders(r.GetString(14)),
        ResponseBody = r.IsDBNull(15) ? null : (byte[])r.GetValue(15),
        Latency = r.IsDBNull(16) ? null : TimeSpan.FromMilliseconds(r.GetInt64(16)),
    };

    /// <summary>The specs of the page's messages, from the live table or the DLQ.</summary>
    private static Dictionary<string, MessageSpec> LoadSpecs(SqliteConnection connection, string tenantId, List<string> messageIds)
    {
        var specs = new Dictionary<string, MessageSpec>(StringComparer.Ordinal);
        if (messageIds.Count == 0)
        {
            return specs;
        }

        foreach (var table in new[] { "messages", "dlq" })
        {
            using var command = connection.CreateCommand();
            var names = messageIds.Select((_, i) => "$m" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
            command.CommandText = "SELECT " + MessageRows.Columns + " FROM " + table + " WHERE tenant = $tenant AND id IN (" + string.Join(", ", names) + ")";
            command.Parameters.AddWithValue("$tenant", tenantId);
            for (var i = 0; i < names.Count; i++)
            {
                command.Parameters.AddWithValue(names[i], messageIds[i]);
            }

            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var message = MessageRows.Read(reader);
                specs.TryAdd(message.Id, message.Spec);
            }
        }

        return specs;
    }
}
