using Herald.Core.Storage;
using Herald.Testing.Storage;

namespace Herald.Storage.Sqlite.Tests;

/// <summary>The shared storage compliance suite against real SQLite files, one fresh directory per test.</summary>
public sealed class SqliteHeraldStoreComplianceTests : HeraldStoreComplianceTests
{
    private readonly TemporaryDataDirectory _directory = new();

    protected override async Task<IHeraldStore> CreateStoreAsync() => await SqliteTestStores.OpenAsync(_directory.Path);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _directory.Dispose();
    }
}
