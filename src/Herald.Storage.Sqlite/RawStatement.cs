using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Herald.Storage.Sqlite;

/// <summary>
/// A statement prepared once on the writer connection and bound by position: the hot writes (insert, claim,
/// complete) skip Microsoft.Data.Sqlite's per-execution parameter objects and name lookups. Errors surface as
/// <see cref="SqliteException"/> with SQLite's result code, like everywhere else.
/// </summary>
internal sealed class RawStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    public RawStatement(sqlite3 db, string sql)
    {
        _db = db;
        var rc = raw.sqlite3_prepare_v2(db, sql, out _statement);
        if (rc != raw.SQLITE_OK)
        {
            throw Error(rc);
        }
    }

    public RawStatement Text(int index, string? value)
    {
        _ = value is null ? raw.sqlite3_bind_null(_statement, index) : raw.sqlite3_bind_text(_statement, index, value);
        return this;
    }

    public RawStatement Int(int index, long value)
    {
        raw.sqlite3_bind_int64(_statement, index, value);
        return this;
    }

    public RawStatement Int(int index, long? value)
    {
        _ = value is { } v ? raw.sqlite3_bind_int64(_statement, index, v) : raw.sqlite3_bind_null(_statement, index);
        return this;
    }

    public RawStatement Blob(int index, byte[]? value)
    {
        _ = value switch
        {
            null => raw.sqlite3_bind_null(_statement, index),
            { Length: 0 } => raw.sqlite3_bind_zeroblob(_statement, index, 0),
            _ => raw.sqlite3_bind_blob(_statement, index, value),
        };
        return this;
    }

    /// <summary>Runs a statement that returns no rows; returns the rows it changed.</summary>
    public int Run()
    {
        try
        {
            var rc = raw.sqlite3_step(_statement);
            if (rc != raw.SQLITE_DONE && rc != raw.SQLITE_ROW)
            {
                throw Error(rc);
            }

            return raw.sqlite3_changes(_db);
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    /// <summary>Advances to the next row; false at the end (call <see cref="Reset"/> when done reading).</summary>
    public bool Step()
    {
        var rc = raw.sqlite3_step(_statement);
        if (rc == raw.SQLITE_ROW)
        {
            return true;
        }

        if (rc == raw.SQLITE_DONE)
        {
            return false;
        }

        raw.sqlite3_reset(_statement);
        throw Error(rc);
    }

    public long ColumnInt64(int index) => raw.sqlite3_column_int64(_statement, index);

    public string ColumnText(int index) => raw.sqlite3_column_text(_statement, index).utf8_to_string();

    public void Reset() => raw.sqlite3_reset(_statement);

    public long LastInsertRowId => raw.sqlite3_last_insert_rowid(_db);

    public void Dispose() => _statement.Dispose();

    private SqliteException Error(int rc) => new(raw.sqlite3_errmsg(_db).utf8_to_string(), rc);
}
