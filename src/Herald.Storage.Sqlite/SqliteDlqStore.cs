using Herald.Core.Messages;
using Herald.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Herald.Storage.Sqlite;

internal sealed class SqliteDlqStore(SqliteDatabase database) : IDlqStore
{
    private const string Select =
        "SELECT seq, dlq_id, " + MessageRows.Columns +
        ", failed_at, response_status, response_headers, response_body, error, error_category FROM dlq";

    public Task<Page<DlqEntry>> ListAsync(string tenantId, QueryFilter filter, PageRequest page, CancellationToken cancellationToken)
    {
        using var connection = database.OpenReader();
        using var command = PageQuery(connection.CreateCommand(), Select, tenantId, filter, page);
        var rows = ReadEntries(command);
        return Task.FromResult(ToPage(rows, page.Count));
    }

    public Task<DlqEntry?> GetAsync(string tenantId, string dlqId, CancellationToken cancellationToken)
    {
        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = Select + " WHERE dlq_id = $dlq_id AND tenant = $tenant";
        command.Parameters.AddWithValue("$dlq_id", dlqId);
        command.Parameters.AddWithValue("$tenant", tenantId);
        var rows = ReadEntries(command);
        return Task.FromResult(rows.Count > 0 ? rows[0].Entry : null);
    }

    public Task<BulkResult<string>> DeleteAsync(string tenantId, QueryFilter filter, PageRequest page, CancellationToken cancellationToken) =>
        database.Writer.ExecuteAsync(
            context =>
            {
                var (seqs, next) = SelectSeqs(context, tenantId, filter, page);
                var deleted = new List<string>(seqs.Count);
                foreach (var (seq, dlqId) in seqs)
                {
                    DeleteRow(context, seq);
                    deleted.Add(dlqId);
                }

                return new BulkResult<string>(deleted, next);
            },
            cancellationToken);

    public Task<BulkResult<string>> RetryAsync(
        string tenantId,
        QueryFilter filter,
        PageRequest page,
        Func<DlqEntry, NewMessage> rebuild,
        CancellationToken cancellationToken) =>
        database.Writer.ExecuteAsync(
            context =>
            {
                List<(long Seq, DlqEntry Entry)> rows;
                using (var command = PageQuery(context.AdHoc(""), Select, tenantId, filter, page))
                {
                    rows = ReadEntries(command);
                }

                var page1 = ToPage(rows, page.Count);
                var created = new List<string>(page1.Items.Count);
                foreach (var (seq, entry) in rows.Take(page.Count))
                {
                    var outcome = SqliteMessageStore.Insert(context, rebuild(entry));
                    DeleteRow(context, seq);
                    created.Add(outcome.MessageId);
                }

                return new BulkResult<string>(created, page1.NextCursor);
            },
            cancellationToken);

    private static (List<(long Seq, string DlqId)> Rows, long? Next) SelectSeqs(SqliteWriteContext context, string tenantId, QueryFilter filter, PageRequest page)
    {
        using var command = PageQuery(context.AdHoc(""), "SELECT seq, dlq_id FROM dlq", tenantId, filter, page);
        var rows = new List<(long, string)>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                rows.Add((reader.GetInt64(0), reader.GetString(1)));
            }
        }

        long? next = rows.Count > page.Count ? rows[page.Count - 1].Item1 : null;
        return (rows.Take(page.Count).ToList(), next);
    }

    private static SqliteCommand PageQuery(SqliteCommand command, string select, string tenantId, QueryFilter filter, PageRequest page)
    {
        var where = FilterSql.Build(filter, "", "failed_at", "id");
        var cursor = page.Cursor is null ? "" : page.Descending ? " AND seq < $cursor" : " AND seq > $cursor";
        command.CommandText = select + " WHERE tenant = $tenant" + cursor + where +
            (page.Descending ? " ORDER BY seq DESC" : " ORDER BY seq") + " LIMIT $limit";
        command.Parameters.AddWithValue("$tenant", tenantId);
        command.Parameters.AddWithValue("$limit", page.Count + 1);
        if (page.Cursor is { } c)
        {
            command.Parameters.AddWithValue("$cursor", c);
        }

        where.Bind(command);
        return command;
    }

    private static List<(long Seq, DlqEntry Entry)> ReadEntries(SqliteCommand command)
    {
        var rows = new List<(long, DlqEntry)>();
        using var reader = command.ExecuteReader();
        const int after = 2 + MessageRows.ColumnCount;
        while (reader.Read())
        {
            rows.Add((reader.GetInt64(0), new DlqEntry
            {
                DlqId = reader.GetString(1),
                Message = MessageRows.Read(reader, 2) with { State = MessageState.Failed },
                FailedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(after)),
                ResponseStatus = reader.GetInt32(after + 1),
                ResponseHeaders = reader.IsDBNull(after + 2) ? null : StoredJson.DeserializeHeaders(reader.GetString(after + 2)),
                ResponseBody = reader.IsDBNull(after + 3) ? null : (byte[])reader.GetValue(after + 3),
                Error = MessageRows.NullableString(reader, after + 4),
                ErrorCategory = MessageRows.NullableString(reader, after + 5),
            }));
        }

        return rows;
    }

    private static Page<DlqEntry> ToPage(List<(long Seq, DlqEntry Entry)> rows, int count)
    {
        long? next = rows.Count > count ? rows[count - 1].Seq : null;
        return new Page<DlqEntry>(rows.Take(count).Select(r => r.Entry).ToList(), next);
    }

    private static void DeleteRow(SqliteWriteContext context, long seq)
    {
        var delete = context.Command("DELETE FROM dlq WHERE seq = $seq");
        delete.Parameters.AddWithValue("$seq", seq);
        delete.ExecuteNonQuery();
    }
}
