using Herald.Core.Storage;

namespace Herald.Storage.Sqlite;

internal sealed class SqliteSigningKeyStore(SqliteDatabase database, TimeProvider timeProvider) : ISigningKeyStore
{
    public Task<SigningKeyPair?> GetAsync(string tenantId, CancellationToken cancellationToken)
    {
        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT current, next FROM signing_keys WHERE tenant = $tenant";
        command.Parameters.AddWithValue("$tenant", tenantId);
        using var reader = command.ExecuteReader();
        return Task.FromResult(reader.Read() ? new SigningKeyPair(reader.GetString(0), reader.GetString(1)) : null);
    }

    public Task<SigningKeyPair> EnsureAsync(string tenantId, SigningKeyPair initial, CancellationToken cancellationToken) =>
        database.Writer.ExecuteAsync(
            context =>
            {
                var insert = context.Command(
                    "INSERT OR IGNORE INTO signing_keys (tenant, current, next, updated_at) VALUES ($tenant, $current, $next, $now)");
                insert.Parameters.AddWithValue("$tenant", tenantId);
                insert.Parameters.AddWithValue("$current", initial.Current);
                insert.Parameters.AddWithValue("$next", initial.Next);
                insert.Parameters.AddWithValue("$now", timeProvider.GetUtcNow().ToUnixTimeMilliseconds());
                insert.ExecuteNonQuery();
                return Read(context, tenantId);
            },
            cancellationToken);

    public Task<SigningKeyPair> RotateAsync(string tenantId, string newNext, CancellationToken cancellationToken) =>
        database.Writer.ExecuteAsync(
            context =>
            {
                var rotate = context.Command(
                    "UPDATE signing_keys SET current = next, next = $next, updated_at = $now WHERE tenant = $tenant");
                rotate.Parameters.AddWithValue("$tenant", tenantId);
                rotate.Parameters.AddWithValue("$next", newNext);
                rotate.Parameters.AddWithValue("$now", timeProvider.GetUtcNow().ToUnixTimeMilliseconds());
                if (rotate.ExecuteNonQuery() == 0)
                {
                    throw new InvalidOperationException($"tenant '{tenantId}' has no signing keys to rotate");
                }

                return Read(context, tenantId);
            },
            cancellationToken);

    private static SigningKeyPair Read(SqliteWriteContext context, string tenantId)
    {
        var select = context.Command("SELECT current, next FROM signing_keys WHERE tenant = $tenant");
        select.Parameters.AddWithValue("$tenant", tenantId);
        using var reader = select.ExecuteReader();
        reader.Read();
        return new SigningKeyPair(reader.GetString(0), reader.GetString(1));
    }
}
