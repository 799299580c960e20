using Herald.Core.FlowControls;
using Herald.Core.Queues;
using Herald.Core.Storage;
using Herald.Core.UrlGroups;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Herald.Storage.Sqlite;

/// <summary>The embedded store: one SQLite file, one writer with group commit, pooled WAL readers.</summary>
internal sealed class SqliteHeraldStore : IHeraldStore
{
    private readonly SqliteDatabase _database;

    public SqliteHeraldStore(IOptions<SqliteStorageOptions> options, TimeProvider timeProvider, ILogger<SqliteHeraldStore> logger)
    {
        _database = new SqliteDatabase(options.Value, logger);
        Messages = new SqliteMessageStore(_database);
        Dlq = new SqliteDlqStore(_database);
        Events = new SqliteEventStore(_database);
        SigningKeys = new SqliteSigningKeyStore(_database, timeProvider);
        Maintenance = new SqliteMaintenanceStore(_database);
        UrlGroups = new SqliteUrlGroupStore(_database);
        Queues = new SqliteQueueStore(_database);
        FlowControl = new SqliteFlowControlStore(_database);
        Schedules = new SqliteScheduleStore(_database);
    }

    public IMessageStore Messages { get; }

    public IDlqStore Dlq { get; }

    public IEventStore Events { get; }

    public ISigningKeyStore SigningKeys { get; }

    public IMaintenanceStore Maintenance { get; }

    public IUrlGroupStore UrlGroups { get; }

    public IQueueStore Queues { get; }

    public IFlowControlStore FlowControl { get; }

    public Herald.Core.Schedules.IScheduleStore Schedules { get; }

    /// <summary>The database and its writer, for tests that inspect the writer connection.</summary>
    internal SqliteDatabase Database => _database;

    /// <summary>Raised when an I/O error stops the writer; the host should stop and restart.</summary>
    public event Action<Exception>? Faulted;

    public Task InitializeAsync(CancellationToken cancellationToken)
    {
        _database.Open();
        _database.Writer.Faulted += ex => Faulted?.Invoke(ex);
        return ExpireOrphanedLeasesAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    /// <summary>
    /// This process holds the data directory's exclusive lock, so every lease in the file belongs to a process that
    /// is gone: expire them all now so the first rescue pass redelivers at once instead of after the lease time.
    /// </summary>
    private Task<int> ExpireOrphanedLeasesAsync(CancellationToken cancellationToken) =>
        _database.Writer.ExecuteAsync(
            context => context.Command("UPDATE messages SET lease_expires_at = 0 WHERE state IN (1, 6)").ExecuteNonQuery(),
            cancellationToken);
}
