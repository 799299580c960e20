namespace Herald.Storage.Sqlite;

/// <summary>SQLite's <c>synchronous</c> setting in WAL mode.</summary>
public enum SqliteSynchronous
{
    /// <summary>Sync the WAL on every commit (durable across power loss).</summary>
    Full,

    /// <summary>Sync only at checkpoints (durable across process crashes only). Opt-in.</summary>
    Normal,
}
