namespace Herald.Storage.Sqlite;

/// <summary>The embedded store (configuration section <c>Storage:Sqlite</c>).</summary>
public sealed class SqliteStorageOptions
{
    public const string SectionName = "Storage:Sqlite";

    /// <summary>The folder holding <c>herald.db</c> and its WAL; created if missing. <value>./herald-data</value></summary>
    public string DataDirectory { get; set; } = "herald-data";

    /// <summary>
    /// <see cref="SqliteSynchronous.Full"/> (default) syncs the WAL on every commit: an acknowledged publish survives
    /// power loss. <see cref="SqliteSynchronous.Normal"/> is an explicit opt-in that survives process crashes but may
    /// lose the last commits on power loss or OS crash.
    /// </summary>
    public SqliteSynchronous Synchronous { get; set; } = SqliteSynchronous.Full;

    /// <summary>The most write operations committed together in one transaction (group commit). <value>512</value></summary>
    public int MaxWriteBatch { get; set; } = 512;

    /// <summary>How long a reader waits for a lock before failing. <value>5 seconds</value></summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(5);

    public string DatabasePath => Path.Combine(DataDirectory, "herald.db");
}
