namespace Herald.Storage.Sqlite.Tests;

/// <summary>A fresh directory under the system temp folder, deleted with everything in it (database, -wal, -shm, lock).</summary>
internal sealed class TemporaryDataDirectory : IDisposable
{
    public TemporaryDataDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "herald-sqlite-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string DatabasePath => System.IO.Path.Combine(Path, "herald.db");

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
