using System.Globalization;
using System.Reflection;
using Herald.Core.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Herald.Storage.Sqlite;

/// <summary>
/// Applies the embedded, numbered migrations (<c>Migrations/NNNN_name.sql</c>) in order, each in its own
/// transaction together with its <c>schema_version</c> row, so a crash mid-migration leaves the previous schema.
/// </summary>
internal static partial class SqliteMigrator
{
    private const string Prefix = "Herald.Storage.Sqlite.Migrations.";

    public static void Migrate(SqliteConnection connection, ILogger logger)
    {
        SqliteDatabase.Execute(connection, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
        var applied = SqliteDatabase.Scalar<long>(connection, "SELECT COALESCE(MAX(version), 0) FROM schema_version");
        var assembly = typeof(SqliteMigrator).Assembly;
        var migrations = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => (Name: n[Prefix.Length..^4], Resource: n))
            .Select(m => (Version: int.Parse(m.Name[..4], CultureInfo.InvariantCulture), m.Name, m.Resource))
            .OrderBy(m => m.Version)
            .ToList();

        var known = migrations.Count == 0 ? 0 : migrations[^1].Version;
        if (applied > known)
        {
            throw new InvalidOperationException($"the database schema is version {applied}, newer than this Herald knows ({known}); upgrade Herald");
        }

        foreach (var migration in migrations.Where(m => m.Version > applied))
        {
            using var transaction = connection.BeginTransaction();
            using (var command = connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = Read(assembly, migration.Resource);
                command.ExecuteNonQuery();
            }

            using (var record = connection.CreateCommand())
            {
                record.Transaction = transaction;
                record.CommandText = "INSERT INTO schema_version (version, name, applied_at) VALUES ($v, $n, datetime('now'))";
                record.Parameters.AddWithValue("$v", migration.Version);
                record.Parameters.AddWithValue("$n", migration.Name);
                record.ExecuteNonQuery();
            }

            transaction.Commit();
            LogMigrationApplied(logger, migration.Name);
        }
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"missing migration resource {resource}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [LoggerMessage(HeraldEventIds.MigrationApplied, LogLevel.Information, "Applied SQLite migration {Name}")]
    private static partial void LogMigrationApplied(ILogger logger, string name);
}
