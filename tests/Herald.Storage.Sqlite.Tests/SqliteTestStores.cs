using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Herald.Storage.Sqlite.Tests;

/// <summary>Creates SQLite stores on a directory, and side connections that look at the file directly.</summary>
internal static class SqliteTestStores
{
    public static readonly DateTimeOffset Start = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public static SqliteHeraldStore Create(string directory, SqliteSynchronous synchronous = SqliteSynchronous.Full) =>
        new(
            Options.Create(new SqliteStorageOptions { DataDirectory = directory, Synchronous = synchronous }),
            new FakeTimeProvider(Start),
            NullLogger<SqliteHeraldStore>.Instance);

    public static async Task<SqliteHeraldStore> OpenAsync(string directory, SqliteSynchronous synchronous = SqliteSynchronous.Full)
    {
        var store = Create(directory, synchronous);
        try
        {
            await store.InitializeAsync(TestContext.Current.CancellationToken);
            return store;
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    /// <summary>An unpooled connection of its own to the database file, as another process would open it.</summary>
    public static SqliteConnection OpenSideConnection(string databasePath)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }

    public static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
