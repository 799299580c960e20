using Herald.Testing.Storage;
using Microsoft.Data.Sqlite;

namespace Herald.Storage.Sqlite.Tests;

/// <summary>Numbered migrations: applied once, recorded in schema_version, and a newer schema is refused.</summary>
public sealed class SqliteMigrationTests : IDisposable
{
    private readonly TemporaryDataDirectory _directory = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task InitializeAsync_FreshDatabase_AppliesEveryMigrationInOrder()
    {
        await using var store = await SqliteTestStores.OpenAsync(_directory.Path);

        using var side = SqliteTestStores.OpenSideConnection(_directory.DatabasePath);
        var rows = SchemaVersions(side);

        Assert.Equal([1, 2, 3, 4], rows.Select(r => r.Version));
        Assert.Equal(["0001_initial", "0002_groups_queues_flow", "0003_schedules", "0004_standard_webhooks"], rows.Select(r => r.Name));
        foreach (var table in new[] { "messages", "events", "dlq", "dedup", "signing_keys", "url_groups", "url_group_endpoints", "queues", "flow_keys", "flow_starts", "lanes", "schedules" })
        {
            Assert.Equal(1L, SqliteTestStores.Scalar(side, $"SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '{table}'"));
        }
    }

    [Fact]
    public async Task InitializeAsync_Reopen_DoesNotReapplyMigrations()
    {
        var first = await SqliteTestStores.OpenAsync(_directory.Path);
        var message = MessageFactory.Message("tenant-a", SqliteTestStores.Start);
        await first.Messages.PublishAsync([message], Ct);
        await first.DisposeAsync();
        List<(long Version, string Name, string AppliedAt)> before;
        using (var side = SqliteTestStores.OpenSideConnection(_directory.DatabasePath))
        {
            before = SchemaVersions(side);
        }

        await using var reopened = await SqliteTestStores.OpenAsync(_directory.Path);

        using var after = SqliteTestStores.OpenSideConnection(_directory.DatabasePath);
        Assert.Equal(before, SchemaVersions(after));
        Assert.NotNull(await reopened.Messages.GetAsync("tenant-a", message.Id, Ct));
    }

    [Fact]
    public async Task InitializeAsync_SchemaNewerThanKnown_RefusesToOpen()
    {
        var first = await SqliteTestStores.OpenAsync(_directory.Path);
        await first.DisposeAsync();
        using (var side = SqliteTestStores.OpenSideConnection(_directory.DatabasePath))
        {
            using var insert = side.CreateCommand();
            insert.CommandText = "INSERT INTO schema_version (version, name, applied_at) VALUES (9999, '9999_future', datetime('now'))";
            insert.ExecuteNonQuery();
        }

        await using var store = SqliteTestStores.Create(_directory.Path);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => store.InitializeAsync(Ct));

        Assert.Contains("9999", error.Message, StringComparison.Ordinal);
        Assert.Contains("newer", error.Message, StringComparison.Ordinal);
    }

    private static List<(long Version, string Name, string AppliedAt)> SchemaVersions(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT version, name, applied_at FROM schema_version ORDER BY version";
        using var reader = command.ExecuteReader();
        var rows = new List<(long, string, string)>();
        while (reader.Read())
        {
            rows.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
        }

        return rows;
    }
}
