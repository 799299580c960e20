using Herald.Core.Messages;
using Herald.Core.Storage;
using Herald.Testing.Storage;

namespace Herald.Storage.Sqlite.Tests;

/// <summary>R1 durability settings, the data-directory lock, and what survives closing and reopening the file.</summary>
public sealed class SqliteDurabilityTests : IDisposable
{
    private static readonly DateTimeOffset T0 = SqliteTestStores.Start;

    private readonly TemporaryDataDirectory _directory = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task InitializeAsync_FreshDirectory_FileUsesWalJournal()
    {
        await using var store = await SqliteTestStores.OpenAsync(_directory.Path);

        using var side = SqliteTestStores.OpenSideConnection(_directory.DatabasePath);

        Assert.Equal("wal", SqliteTestStores.Scalar(side, "PRAGMA journal_mode") as string, StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task InitializeAsync_Default_WriterUsesSynchronousFullBusyTimeoutAndForeignKeys()
    {
        await using var store = await SqliteTestStores.OpenAsync(_directory.Path);

        var synchronous = await WriterPragmaAsync(store, "synchronous");
        var busyTimeout = await WriterPragmaAsync(store, "busy_timeout");
        var foreignKeys = await WriterPragmaAsync(store, "foreign_keys");
        var journal = await store.Database.Writer.ExecuteAsync(c => c.Command("PRAGMA journal_mode").ExecuteScalar() as string, Ct);

        Assert.Equal(2L, synchronous);
        Assert.True(busyTimeout > 0, $"busy_timeout is {busyTimeout}");
        Assert.Equal(1L, foreignKeys);
        Assert.Equal("wal", journal, StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task InitializeAsync_SynchronousNormalOptIn_WriterUsesNormal()
    {
        await using var store = await SqliteTestStores.OpenAsync(_directory.Path, SqliteSynchronous.Normal);

        Assert.Equal(1L, await WriterPragmaAsync(store, "synchronous"));
    }

    [Fact]
    public async Task InitializeAsync_BundledSqlite_IsAtLeast3_51_3()
    {
        await using var store = await SqliteTestStores.OpenAsync(_directory.Path);
        using var side = SqliteTestStores.OpenSideConnection(_directory.DatabasePath);

        var version = Version.Parse((string)SqliteTestStores.Scalar(side, "SELECT sqlite_version()")!);
        var writerVersion = await store.Database.Writer.ExecuteAsync(c => (string)c.Command("SELECT sqlite_version()").ExecuteScalar()!, Ct);

        Assert.True(version >= new Version(3, 51, 3), $"SQLite {version} has the WAL-reset bug");
        Assert.Equal(version, Version.Parse(writerVersion));
        Assert.Equal(new Version(3, 51, 3), SqliteDatabase.MinimumSqliteVersion);
    }

    [Fact]
    public async Task InitializeAsync_SecondStoreOnSameDirectory_FailsWithClearError()
    {
        await using var first = await SqliteTestStores.OpenAsync(_directory.Path);
        await using var second = SqliteTestStores.Create(_directory.Path);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => second.InitializeAsync(Ct));

        Assert.Contains("another Herald process", error.Message, StringComparison.Ordinal);
        Assert.Contains(Path.GetFullPath(_directory.Path), error.Message, StringComparison.Ordinal);
        var message = MessageFactory.Message("tenant-a", T0);
        Assert.Equal([new PublishOutcome(message.Id, false)], await first.Messages.PublishAsync([message], Ct));
    }

    [Fact]
    public async Task InitializeAsync_AfterFirstStoreDisposed_LockIsReleased()
    {
        var first = await SqliteTestStores.OpenAsync(_directory.Path);
        await first.DisposeAsync();

        await using var second = await SqliteTestStores.OpenAsync(_directory.Path);

        Assert.Null(await second.Messages.GetAsync("tenant-a", "msg_missing", Ct));
    }

    [Fact]
    public async Task InitializeAsync_MissingDataDirectory_IsCreated()
    {
        var nested = Path.Combine(_directory.Path, "nested", "data");

        await using var store = await SqliteTestStores.OpenAsync(nested);

        Assert.True(File.Exists(Path.Combine(nested, "herald.db")));
        Assert.True(File.Exists(Path.Combine(nested, "herald.lock")));
    }

    [Fact]
    public async Task DisposeAsync_ThenReopen_KeepsEverythingWritten()
    {
        var spec = MessageFactory.FullSpec(T0.AddMinutes(5));
        var pending = MessageFactory.Message("tenant-a", T0, spec);
        var dlqId = MessageFactory.NewDlqId();
        var failed = MessageFactory.Message("tenant-a", T0);
        var store = await SqliteTestStores.OpenAsync(_directory.Path);
        await store.Messages.PublishAsync([pending, failed], Ct);
        var claimed = Assert.Single((await store.Messages.ClaimDueAsync(T0, 10, TimeSpan.FromSeconds(10), Ct)).Messages);
        await store.Messages.CompleteAsync([Completions.Failed(claimed, T0.AddSeconds(1), dlqId)], Ct);
        await store.SigningKeys.EnsureAsync("tenant-a", new SigningKeyPair("sig_current", "sig_next"), Ct);
        await store.DisposeAsync();

        await using var reopened = await SqliteTestStores.OpenAsync(_directory.Path);

        var stored = await reopened.Messages.GetAsync("tenant-a", pending.Id, Ct);
        Assert.NotNull(stored);
        Assert.Equal(MessageState.Created, stored.State);
        SpecAssert.Equal(spec, stored.Spec);
        Assert.NotNull(await reopened.Dlq.GetAsync("tenant-a", dlqId, Ct));
        Assert.Equal(new SigningKeyPair("sig_current", "sig_next"), await reopened.SigningKeys.GetAsync("tenant-a", Ct));
        var events = await reopened.Events.ListAsync("tenant-a", QueryFilter.All, new PageRequest(null, 100), Ct);
        Assert.Equal(5, events.Items.Count);
    }

    [Fact]
    public async Task DisposeAsync_CleanShutdown_LeavesNoWalContent()
    {
        var store = await SqliteTestStores.OpenAsync(_directory.Path);
        await store.Messages.PublishAsync([MessageFactory.Message("tenant-a", T0)], Ct);

        await store.DisposeAsync();

        var wal = _directory.DatabasePath + "-wal";
        Assert.True(!File.Exists(wal) || new FileInfo(wal).Length == 0, "the WAL was not checkpointed at shutdown");
    }

    [Fact]
    public async Task DisposeAsync_CalledTwice_DoesNotThrow()
    {
        var store = await SqliteTestStores.OpenAsync(_directory.Path);

        await store.DisposeAsync();
        var second = await Record.ExceptionAsync(async () => await store.DisposeAsync());

        Assert.Null(second);
    }

    [Fact]
    public async Task InitializeAsync_OrphanedLease_IsRescuedImmediately()
    {
        var message = MessageFactory.Message("tenant-a", T0);
        var store = await SqliteTestStores.OpenAsync(_directory.Path);
        await store.Messages.PublishAsync([message], Ct);
        var claimed = Assert.Single((await store.Messages.ClaimDueAsync(T0, 10, TimeSpan.FromSeconds(10), Ct)).Messages);
        var soon = T0.AddSeconds(1);
        Assert.True(claimed.LeaseExpiresAt > soon);
        Assert.Equal(0, await store.Messages.RescueExpiredLeasesAsync(soon, Ct));
        await store.DisposeAsync();

        await using var reopened = await SqliteTestStores.OpenAsync(_directory.Path);
        var rescued = await reopened.Messages.RescueExpiredLeasesAsync(soon, Ct);

        Assert.Equal(1, rescued);
        var stored = await reopened.Messages.GetAsync("tenant-a", message.Id, Ct);
        Assert.NotNull(stored);
        Assert.Equal(MessageState.Retry, stored.State);
        Assert.Equal(1, stored.Retried);
        var reclaimed = Assert.Single((await reopened.Messages.ClaimDueAsync(soon, 10, TimeSpan.FromSeconds(10), Ct)).Messages);
        Assert.Equal(message.Id, reclaimed.Message.Id);
        var stale = await reopened.Messages.CompleteAsync([Completions.Delivered(claimed, soon)], Ct);
        Assert.Equal([CompletionStatus.Stale], stale);
    }

    private static Task<long> WriterPragmaAsync(SqliteHeraldStore store, string pragma) =>
        store.Database.Writer.ExecuteAsync(c => (long)c.Command("PRAGMA " + pragma).ExecuteScalar()!, Ct);
}
