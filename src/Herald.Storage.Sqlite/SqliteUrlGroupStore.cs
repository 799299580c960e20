using Herald.Core.UrlGroups;
using Microsoft.Data.Sqlite;

namespace Herald.Storage.Sqlite;

internal sealed class SqliteUrlGroupStore(SqliteDatabase database) : IUrlGroupStore
{
    public Task AddEndpointsAsync(string tenantId, string name, IReadOnlyList<UrlGroupEndpoint> endpoints, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.Writer.ExecuteAsync(
            context =>
            {
                var group = context.Command(
                    "INSERT INTO url_groups (tenant, name, created_at, updated_at) VALUES ($tenant, $name, $now, $now) " +
                    "ON CONFLICT (tenant, name) DO UPDATE SET updated_at = excluded.updated_at");
                group.Parameters.AddWithValue("$tenant", tenantId);
                group.Parameters.AddWithValue("$name", name);
                group.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
                group.ExecuteNonQuery();
                foreach (var endpoint in endpoints)
                {
                    var add = context.Command(
                        "INSERT INTO url_group_endpoints (tenant, grp, url, name) SELECT $tenant, $grp, $url, $name " +
                        "WHERE NOT EXISTS (SELECT 1 FROM url_group_endpoints WHERE tenant = $tenant AND grp = $grp AND url = $url AND name IS $name)");
                    add.Parameters.AddWithValue("$tenant", tenantId);
                    add.Parameters.AddWithValue("$grp", name);
                    add.Parameters.AddWithValue("$url", endpoint.Url);
                    add.Parameters.AddWithValue("$name", (object?)endpoint.Name ?? DBNull.Value);
                    add.ExecuteNonQuery();
                }

                return 0;
            },
            cancellationToken);

    public Task<bool> RemoveEndpointsAsync(string tenantId, string name, IReadOnlyList<UrlGroupEndpoint> endpoints, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.Writer.ExecuteAsync(
            context =>
            {
                if (!Exists(context, tenantId, name))
                {
                    return false;
                }

                foreach (var endpoint in endpoints)
                {
                    var remove = context.Command(
                        "DELETE FROM url_group_endpoints WHERE tenant = $tenant AND grp = $grp " +
                        "AND ($url IS NULL OR url = $url) AND ($name IS NULL OR name = $name)");
                    remove.Parameters.AddWithValue("$tenant", tenantId);
                    remove.Parameters.AddWithValue("$grp", name);
                    remove.Parameters.AddWithValue("$url", (object?)(endpoint.Url.Length == 0 ? null : endpoint.Url) ?? DBNull.Value);
                    remove.Parameters.AddWithValue("$name", (object?)endpoint.Name ?? DBNull.Value);
                    remove.ExecuteNonQuery();
                }

                var left = context.Command("SELECT COUNT(*) FROM url_group_endpoints WHERE tenant = $tenant AND grp = $grp");
                left.Parameters.AddWithValue("$tenant", tenantId);
                left.Parameters.AddWithValue("$grp", name);
                if ((long)left.ExecuteScalar()! == 0)
                {
                    DeleteGroup(context, tenantId, name);
                }
                else
                {
                    var touch = context.Command("UPDATE url_groups SET updated_at = $now WHERE tenant = $tenant AND name = $name");
                    touch.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
                    touch.Parameters.AddWithValue("$tenant", tenantId);
                    touch.Parameters.AddWithValue("$name", name);
                    touch.ExecuteNonQuery();
                }

                return true;
            },
            cancellationToken);

    public Task<UrlGroup?> GetAsync(string tenantId, string name, CancellationToken cancellationToken)
    {
        using var connection = database.OpenReader();
        return Task.FromResult(Load(connection, tenantId, name).FirstOrDefault());
    }

    public Task<IReadOnlyList<UrlGroup>> ListAsync(string tenantId, CancellationToken cancellationToken)
    {
        using var connection = database.OpenReader();
        return Task.FromResult<IReadOnlyList<UrlGroup>>(Load(connection, tenantId, null));
    }

    public Task<bool> SetStandardWebhooksSecretsAsync(string tenantId, string name, IReadOnlyList<string>? secrets, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.Writer.ExecuteAsync(
            context =>
            {
                var update = context.Command("UPDATE url_groups SET webhook_secrets = $secrets, updated_at = $now WHERE tenant = $tenant AND name = $name");
                update.Parameters.AddWithValue("$secrets", secrets is null ? DBNull.Value : System.Text.Json.JsonSerializer.Serialize(secrets.ToArray(), Herald.Core.Messages.StoredJson.StringArray));
                update.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
                update.Parameters.AddWithValue("$tenant", tenantId);
                update.Parameters.AddWithValue("$name", name);
                return update.ExecuteNonQuery() > 0;
            },
            cancellationToken);

    public Task<bool> DeleteAsync(string tenantId, string name, CancellationToken cancellationToken) =>
        database.Writer.ExecuteAsync(context => DeleteGroup(context, tenantId, name), cancellationToken);

    private static bool Exists(SqliteWriteContext context, string tenantId, string name)
    {
        var exists = context.Command("SELECT 1 FROM url_groups WHERE tenant = $tenant AND name = $name");
        exists.Parameters.AddWithValue("$tenant", tenantId);
        exists.Parameters.AddWithValue("$name", name);
        return exists.ExecuteScalar() is not null;
    }

    private static bool DeleteGroup(SqliteWriteContext context, string tenantId, string name)
    {
        var endpoints = context.Command("DELETE FROM url_group_endpoints WHERE tenant = $tenant AND grp = $name");
        endpoints.Parameters.AddWithValue("$tenant", tenantId);
        endpoints.Parameters.AddWithValue("$name", name);
        endpoints.ExecuteNonQuery();
        var group = context.Command("DELETE FROM url_groups WHERE tenant = $tenant AND name = $name");
        group.Parameters.AddWithValue("$tenant", tenantId);
        group.Parameters.AddWithValue("$name", name);
        return group.ExecuteNonQuery() > 0;
    }

    private static List<UrlGroup> Load(SqliteConnection connection, string tenantId, string? name)
    {
        using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT g.name, g.created_at, g.updated_at, e.url, e.name, g.webhook_secrets FROM url_groups g " +
            "LEFT JOIN url_group_endpoints e ON e.tenant = g.tenant AND e.grp = g.name " +
            "WHERE g.tenant = $tenant" + (name is null ? "" : " AND g.name = $name") + " ORDER BY g.name, e.id";
        command.Parameters.AddWithValue("$tenant", tenantId);
        if (name is not null)
        {
            command.Parameters.AddWithValue("$name", name);
        }

        var groups = new List<UrlGroup>();
        using var r = command.ExecuteReader();
        string? current = null;
        List<UrlGroupEndpoint>? endpoints = null;
        while (r.Read())
        {
            var groupName = r.GetString(0);
            if (groupName != current)
            {
                current = groupName;
                endpoints = [];
                var secrets = r.IsDBNull(5) ? null : System.Text.Json.JsonSerializer.Deserialize(r.GetString(5), Herald.Core.Messages.StoredJson.StringArray);
                groups.Add(new UrlGroup(groupName, DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(1)), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(2)), endpoints, secrets));
            }

            if (!r.IsDBNull(3))
            {
                endpoints!.Add(new UrlGroupEndpoint(r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4)));
            }
        }

        return groups;
    }
}
