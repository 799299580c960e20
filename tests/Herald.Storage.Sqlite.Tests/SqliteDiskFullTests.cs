using Herald.Core.Storage;
using Herald.Testing.Storage;

namespace Herald.Storage.Sqlite.Tests;

/// <summary>R34: a full disk refuses writes (nothing acknowledged), keeps what was acknowledged, and recovers without a restart.</summary>
public sealed class SqliteDiskFullTests : IDisposable
{
    private static readonly DateTimeOffset T0 = SqliteTestStores.Start;

    private readonly TemporaryDataDirectory _directory = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Publish_WhenTheDatabaseCannotGrow_FailsUnavailableAndRecoversWhenSpaceReturns()
    {
        await using var store = await SqliteTestStores.OpenAsync(_directory.Path);
        var before = MessageFactory.Message("tenant-a", T0);
        await store.Messages.PublishAsync([before], Ct);

        // Deterministic SQLITE_FULL: the file may not grow past its current size.
        var pages = await store.Database.Writer.ExecuteAsync(c => (long)c.Command("PRAGMA page_count").ExecuteScalar()!, Ct);
        await store.Database.Writer.ExecuteAsync(c => c.Command($"PRAGMA max_page_count = {pages + 2}").ExecuteScalar(), Ct);

        var refused = 0;
        var acknowledged = new List<string>();
        for (var i = 0; i < 200 && refused == 0; i++)
        {
            var message = MessageFactory.Message("tenant-a", T0, MessageFactory.Spec(T0) with { Body = new byte[4096] });
            try
            {
                await store.Messages.PublishAsync([message], Ct);
                acknowledged.Add(message.Id);
            }
            catch (StorageUnavailableException)
            {
                refused++;
                Assert.Null(await store.Messages.GetAsync("tenant-a", message.Id, Ct));
            }
        }

        Assert.Equal(1, refused);
        Assert.NotNull(await store.Messages.GetAsync("tenant-a", before.Id, Ct));
        foreach (var id in acknowledged)
        {
            Assert.NotNull(await store.Messages.GetAsync("tenant-a", id, Ct));
        }

        await store.Database.Writer.ExecuteAsync(c => c.Command("PRAGMA max_page_count = 1073741823").ExecuteScalar(), Ct);
        var after = MessageFactory.Message("tenant-a", T0);
        await store.Messages.PublishAsync([after], Ct);
        Assert.NotNull(await store.Messages.GetAsync("tenant-a", after.Id, Ct));

        using var side = SqliteTestStores.OpenSideConnection(_directory.DatabasePath);
        Assert.Equal("ok", SqliteTestStores.Scalar(side, "PRAGMA integrity_check") as string);
    }
}
