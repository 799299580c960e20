using System.Threading.Channels;
using Herald.Core.Diagnostics;
using Herald.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Herald.Storage.Sqlite;

/// <summary>
/// The single writer. Every write in the process is queued here; the loop takes whatever is waiting (up to
/// <see cref="SqliteStorageOptions.MaxWriteBatch"/>), runs it in one <c>BEGIN IMMEDIATE</c> transaction, commits
/// once (one WAL sync with synchronous=FULL) and only then completes every operation. Throughput therefore grows
/// with load instead of falling to one fsync per request (group commit). If an operation fails, the batch is run
/// again with a savepoint per operation, so the failing one fails alone. A failed commit fails the whole
/// batch (nothing is acknowledged); an I/O error faults the writer for good: after an fsync failure the page cache
/// can no longer be trusted, so the process must restart and recover from the WAL.
/// </summary>
internal sealed partial class SqliteWriter : IAsyncDisposable
{
    private readonly Channel<WriteOperation> _queue;
    private readonly SqliteConnection _connection;
    private readonly SqliteWriteContext _context;
    private readonly int _maxBatch;
    private readonly ILogger _logger;
    private readonly Task _loop;
    private volatile Exception? _fault;

    public SqliteWriter(SqliteConnection connection, int maxBatch, ILogger logger)
    {
        _connection = connection;
        _context = new SqliteWriteContext(connection);
        _maxBatch = maxBatch;
        _logger = logger;
        _queue = Channel.CreateBounded<WriteOperation>(new BoundedChannelOptions(65_536)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _loop = Task.Factory.StartNew(LoopAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    /// <summary>Raised once when an I/O error makes further writes unsafe.</summary>
    public event Action<Exception>? Faulted;

    public bool IsFaulted => _fault is not null;

    public async Task<T> ExecuteAsync<T>(Func<SqliteWriteContext, T> work, CancellationToken cancellationToken)
    {
        if (_fault is { } fault)
        {
            throw new StorageUnavailableException("storage stopped accepting writes after an I/O error; restart Herald", fault);
        }

        var operation = new WriteOperation<T>(work);
        await _queue.Writer.WriteAsync(operation, cancellationToken).ConfigureAwait(false);
        return await operation.Task.ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        _context.DisposeCommands();
    }

    private async Task LoopAsync()
    {
        var batch = new List<WriteOperation>(_maxBatch);
        var succeeded = new List<WriteOperation>(_maxBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var operation))
            {
                batch.Add(operation);
            }

            if (_fault is { } fault)
            {
                foreach (var operation in batch)
                {
                    operation.Fail(new StorageUnavailableException("storage stopped accepting writes after an I/O error; restart Herald", fault));
                }

                continue;
            }

            RunBatch(batch, succeeded);
        }
    }

    private void RunBatch(List<WriteOperation> batch, List<WriteOperation> succeeded)
    {
        succeeded.Clear();
        try
        {
            Exec("BEGIN IMMEDIATE");
            if (!TryRunTogether(batch, succeeded))
            {
                Exec("BEGIN IMMEDIATE");
                RunIsolated(batch, succeeded);
            }

            Exec("COMMIT");
        }
        catch (Exception ex)
        {
            TryRollback();
            var unavailable = new StorageUnavailableException("the write could not be committed: " + ex.Message, ex);
            foreach (var operation in batch)
            {
                operation.Fail(unavailable);
            }

            LogWriteFailed(_logger, ex);
            if (ex is SqliteException { SqliteErrorCode: 10 } or IOException)
            {
                // SQLITE_IOERR: stop acknowledging; see the class comment.
                _fault = ex;
                LogFaulted(_logger, ex);
                Faulted?.Invoke(ex);
            }

            return;
        }

        foreach (var operation in succeeded)
        {
            operation.Complete();
        }
    }

    /// <summary>
    /// The fast path: every operation in the one transaction, no savepoints. If one fails, the whole transaction is
    /// rolled back (false) and the batch runs again isolated. Operations are pure functions of the database, so
    /// running one twice is safe.
    /// </summary>
    private bool TryRunTogether(List<WriteOperation> batch, List<WriteOperation> succeeded)
    {
        foreach (var operation in batch)
        {
            try
            {
                operation.Run(_context);
                succeeded.Add(operation);
            }
            catch (Exception ex) when (!IsStorageFailure(ex))
            {
                Exec("ROLLBACK");
                succeeded.Clear();
                return false;
            }
        }

        return true;
    }

    /// <summary>Each operation under its own savepoint: a failing one rolls back alone and fails alone.</summary>
    private void RunIsolated(List<WriteOperation> batch, List<WriteOperation> succeeded)
    {
        foreach (var operation in batch)
        {
            Exec("SAVEPOINT op");
            try
            {
                operation.Run(_context);
                Exec("RELEASE op");
                succeeded.Add(operation);
            }
            catch (Exception ex) when (!IsStorageFailure(ex))
            {
                Exec("ROLLBACK TO op");
                Exec("RELEASE op");
                operation.Fail(ex);
            }
        }
    }

    private static bool IsStorageFailure(Exception ex) =>
        ex is SqliteException { SqliteErrorCode: 10 or 13 or 11 or 26 } or IOException;

    private void Exec(string sql) => _context.Command(sql).ExecuteNonQuery();

    private void TryRollback()
    {
        try
        {
            if (!_connection.State.Equals(System.Data.ConnectionState.Open))
            {
                return;
            }

            Exec("ROLLBACK");
        }
        catch (SqliteException)
        {
            // No transaction was open (SQLite may already have rolled back after SQLITE_FULL).
        }
    }

    [LoggerMessage(HeraldEventIds.StorageWriteFailed, LogLevel.Error, "A write batch failed and was rolled back; nothing in it was acknowledged")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception);

    [LoggerMessage(HeraldEventIds.StorageFaulted, LogLevel.Critical, "SQLite reported an I/O error; Herald stops accepting writes and must be restarted")]
    private static partial void LogFaulted(ILogger logger, Exception exception);
}
