using System.Globalization;
using Herald.Core.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Herald.Storage.Sqlite;

/// <summary>
/// The database file: an exclusive lock on the data directory (one Herald per directory), the writer connection
/// with its durability pragmas, read connections, and migrations.
/// </summary>
internal sealed partial class SqliteDatabase : IAsyncDisposable
{
    /// <summary>The WAL-reset corruption bug is fixed from 3.51.3 on.</summary>
    public static readonly Version MinimumSqliteVersion = new(3, 51, 3);

    private readonly SqliteStorageOptions _options;
    private readonly ILogger _logger;
    private readonly string _readConnectionString;
    private FileStream? _lock;
    private SqliteConnection? _writerConnection;
    private bool _disposed;

    public SqliteDatabase(SqliteStorageOptions options, ILogger logger)
    {
        _options = options;
        _logger = logger;
        _readConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.GetFullPath(options.DatabasePath),
            Mode = SqliteOpenMode.ReadWrite,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = LockWaitSeconds(options.BusyTimeout),
        }.ToString();
    }

    public SqliteWriter Writer { get; private set; } = null!;

    public void Open()
    {
        Directory.CreateDirectory(_options.DataDirectory);
        try
        {
            _lock = new FileStream(Path.Combine(_options.DataDirectory, "herald.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw new InvalidOperationException($"another Herald process is using the data directory '{Path.GetFullPath(_options.DataDirectory)}'", ex);
        }

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.GetFullPath(_options.DatabasePath),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = false,

            // Microsoft.Data.Sqlite retries a busy command until this timeout (30 s by default), on top of
            // busy_timeout: without it a write behind another process's lock would wait 30 s, not BusyTimeout.
            DefaultTimeout = LockWaitSeconds(_options.BusyTimeout),
        }.ToString());
        connection.Open();
        _writerConnection = connection;

        var version = Version.Parse(Scalar<string>(connection, "SELECT sqlite_version()"));
        if (version < MinimumSqliteVersion)
        {
            throw new InvalidOperationException($"SQLite {version} is older than {MinimumSqliteVersion}, which fixes the WAL-reset corruption bug; use the bundled e_sqlite3");
        }

        Execute(connection, "PRAGMA journal_mode=WAL");
        Execute(connection, _options.Synchronous == SqliteSynchronous.Full ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL");
        Execute(connection, $"PRAGMA busy_timeout={(int)_options.BusyTimeout.TotalMilliseconds}");
        Execute(connection, "PRAGMA foreign_keys=ON");
        Execute(connection, "PRAGMA temp_store=MEMORY");
        Execute(connection, "PRAGMA cache_size=-65536");

        var journal = Scalar<string>(connection, "PRAGMA journal_mode");
        var synchronous = Scalar<long>(connection, "PRAGMA synchronous");
        var expected = _options.Synchronous == SqliteSynchronous.Full ? 2 : 1;
        if (!string.Equals(journal, "wal", StringComparison.OrdinalIgnoreCase) || synchronous != expected)
        {
            throw new InvalidOperationException($"SQLite refused the durability settings (journal_mode={journal}, synchronous={synchronous})");
        }

        if (_options.Synchronous != SqliteSynchronous.Full)
        {
            LogRelaxedDurability(_logger);
        }

        SqliteMigrator.Migrate(connection, _logger);
        LogOpened(_logger, Path.GetFullPath(_options.DatabasePath), version.ToString());
        Writer = new SqliteWriter(connection, _options.MaxWriteBatch, _logger);
    }

    /// <summary>A pooled read connection (WAL readers never block the writer).</summary>
    public SqliteConnection OpenReader()
    {
        var connection = new SqliteConnection(_readConnectionString);
        connection.Open();
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        // A second dispose (host shutdown after an explicit dispose) must not touch the closed connection.
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (Writer is not null)
        {
            await Writer.DisposeAsync().ConfigureAwait(false);
        }

        if (_writerConnection is not null)
        {
            // After an I/O error nothing more is written; otherwise a failed checkpoint only means the next start
            // replays a longer WAL, so it must not turn a clean stop into a crash.
            if (Writer is not { IsFaulted: true })
            {
                try
                {
                    Execute(_writerConnection, "PRAGMA wal_checkpoint(TRUNCATE)");
                }
                catch (SqliteException ex)
                {
                    LogCheckpointFailed(_logger, ex);
                }
            }

            await _writerConnection.DisposeAsync().ConfigureAwait(false);
        }

        SqliteConnection.ClearAllPools();
        if (_lock is not null)
        {
            await _lock.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Whole seconds, at least one (zero would mean "wait forever" to Microsoft.Data.Sqlite).</summary>
    private static int LockWaitSeconds(TimeSpan busyTimeout) => Math.Max(1, (int)Math.Ceiling(busyTimeout.TotalSeconds));

    internal static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    internal static T Scalar<T>(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)Convert.ChangeType(command.ExecuteScalar()!, typeof(T), CultureInfo.InvariantCulture);
    }

    [LoggerMessage(HeraldEventIds.StorageOpened, LogLevel.Information, "SQLite store at {Path} (SQLite {Version}, WAL)")]
    private static partial void LogOpened(ILogger logger, string path, string version);

    [LoggerMessage(HeraldEventIds.ShutdownCheckpointFailed, LogLevel.Warning, "The WAL checkpoint at shutdown failed; the next start recovers from the WAL")]
    private static partial void LogCheckpointFailed(ILogger logger, Exception exception);

    [LoggerMessage(HeraldEventIds.StorageOpened + 10, LogLevel.Warning, "SQLite synchronous=NORMAL: acknowledged messages survive a process crash but may be lost on power loss or OS crash")]
    private static partial void LogRelaxedDurability(ILogger logger);
}
