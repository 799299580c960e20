using Herald.Core.Storage;

namespace Herald.Storage.Sqlite;

internal sealed class SqliteMaintenanceStore(SqliteDatabase database) : IMaintenanceStore
{
    public Task<PruneResult> PruneAsync(PruneRequest request, CancellationToken cancellationToken) =>
        database.Writer.ExecuteAsync(
            context =>
            {
                var messages = Delete(context,
                    "DELETE FROM messages WHERE seq IN (SELECT seq FROM messages WHERE finished_at IS NOT NULL AND finished_at < $before LIMIT $n)",
                    request.DeliveredBefore, request.BatchSize);

                // Event ids grow with time: look only at the oldest rows instead of scanning the table for old ones.
                var events = Delete(context,
                    "DELETE FROM events WHERE id IN (SELECT id FROM (SELECT id, time FROM events ORDER BY id LIMIT $n) WHERE time < $before)",
                    request.EventsBefore, request.BatchSize);
                var dlq = Delete(context,
                    "DELETE FROM dlq WHERE seq IN (SELECT seq FROM dlq WHERE failed_at < $before LIMIT $n)",
                    request.DlqBefore, request.BatchSize);
                var dedup = Delete(context,
                    "DELETE FROM dedup WHERE (tenant, key) IN (SELECT tenant, key FROM dedup WHERE expires_at <= $before LIMIT $n)",
                    request.Now, request.BatchSize);
                return new PruneResult(messages, events, dlq, dedup);
            },
            cancellationToken);

    public Task<StoreStatistics> GetStatisticsAsync(CancellationToken cancellationToken)
    {
        using var connection = database.OpenReader();
        return Task.FromResult(new StoreStatistics(
            SqliteDatabase.Scalar<long>(connection, "SELECT COUNT(*) FROM messages WHERE state IN (0, 2)"),
            SqliteDatabase.Scalar<long>(connection, "SELECT COUNT(*) FROM messages WHERE state IN (1, 6)"),
            SqliteDatabase.Scalar<long>(connection, "SELECT COUNT(*) FROM dlq"),
            SqliteDatabase.Scalar<long>(connection, "SELECT COUNT(*) FROM events")));
    }

    private static int Delete(SqliteWriteContext context, string sql, DateTimeOffset before, int batchSize)
    {
        var command = context.Command(sql);
        command.Parameters.AddWithValue("$before", before.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$n", batchSize);
        return command.ExecuteNonQuery();
    }
}
