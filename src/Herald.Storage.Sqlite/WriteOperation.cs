using Microsoft.Data.Sqlite;

namespace Herald.Storage.Sqlite;

/// <summary>One unit of work for the writer: runs inside the batch transaction under its own savepoint.</summary>
internal abstract class WriteOperation
{
    public abstract void Run(SqliteWriteContext context);

    /// <summary>Called after the batch committed (and synced).</summary>
    public abstract void Complete();

    public abstract void Fail(Exception exception);
}

internal sealed class WriteOperation<T>(Func<SqliteWriteContext, T> work) : WriteOperation
{
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? _result;

    public Task<T> Task => _completion.Task;

    public override void Run(SqliteWriteContext context) => _result = work(context);

    public override void Complete() => _completion.TrySetResult(_result!);

    public override void Fail(Exception exception) => _completion.TrySetException(exception);
}

/// <summary>What a write operation sees: the writer connection and its prepared-command cache.</summary>
internal sealed class SqliteWriteContext(SqliteConnection connection)
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RawStatement> _statements = new(StringComparer.Ordinal);

    public SqliteConnection Connection { get; } = connection;

    /// <summary>A prepared command for <paramref name="sql"/>, reused across batches, parameters cleared.</summary>
    public SqliteCommand Command(string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = Connection.CreateCommand();
            command.CommandText = sql;
            _commands[sql] = command;
        }

        command.Parameters.Clear();
        return command;
    }

    /// <summary>A raw prepared statement for <paramref name="sql"/> (positional <c>?N</c> parameters), reused across batches.</summary>
    public RawStatement Statement(string sql)
    {
        if (!_statements.TryGetValue(sql, out var statement))
        {
            statement = new RawStatement(Connection.Handle!, sql);
            _statements[sql] = statement;
        }

        return statement;
    }

    /// <summary>A one-off command (dynamic SQL such as filters).</summary>
    public SqliteCommand AdHoc(string sql)
    {
        var command = Connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    public void DisposeCommands()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
        foreach (var statement in _statements.Values)
        {
            statement.Dispose();
        }

        _statements.Clear();
    }
}
