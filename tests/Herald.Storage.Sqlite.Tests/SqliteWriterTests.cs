using Herald.Core.Messages;
using Herald.Core.Storage;
using Herald.Testing.Storage;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Herald.Storage.Sqlite.Tests;

/// <summary>The single writer: group commit under concurrency, and one failing operation not failing its batch.</summary>
public sealed class SqliteWriterTests : IDisposable
{
    private static readonly DateTimeOffset T0 = SqliteTestStores.Start;

    private readonly TemporaryDataDirectory _directory = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task PublishAsync_500ConcurrentCalls_AllSucceedAndAllAreStored()
    {
        await using var store = await SqliteTestStores.OpenAsync(_directory.Path);
        var messages = Enumerable.Range(0, 500).Select(i => MessageFactory.Message(i % 2 == 0 ? "tenant-a" : "tenant-b", T0.AddMilliseconds(i))).ToArray();

        var outcomes = await Task.WhenAll(messages.Select(m => Task.Run(() => store.Messages.PublishAsync([m], Ct), Ct)));

        Assert.Equal(messages.Select(m => new PublishOutcome(m.Id, false)), outcomes.Select(o => Assert.Single(o)));
        foreach (var message in messages)
        {
            Assert.NotNull(await store.Messages.GetAsync(message.TenantId, message.Id, Ct));
        }

        var stats = await store.Maintenance.GetStatisticsAsync(Ct);
        Assert.Equal(500, stats.Pending);
        Assert.Equal(500, stats.Events);
        using var side = SqliteTestStores.OpenSideConnection(_directory.DatabasePath);
        Assert.Equal("ok", SqliteTestStores.Scalar(side, "PRAGMA integrity_check"));
    }

    [Fact]
    public async Task ExecuteAsync_QueuedBehindBusyWriter_CommitsAllInOneTransaction()
    {
        await using var store = await SqliteTestStores.OpenAsync(_directory.Path);
        var commits = 0;
        // Count the writer connection's commits (the hook runs on the writer thread).
        await store.Database.Writer.ExecuteAsync(
            c =>
            {
                raw.sqlite3_commit_hook(c.Connection.Handle, _ =>
                {
                    Interlocked.Increment(ref commits);
                    return 0;
                }, null);
                return 0;
            },
            Ct);
        using var gate = new ManualResetEventSlim();
        var blocker = await HoldWriterAsync(store, gate);
        var commitsBeforeBatch = Volatile.Read(ref commits);
        var queued = Enumerable.Range(0, 50).Select(_ => MessageFactory.Message("tenant-a", T0)).ToArray();
        var publishes = queued.Select(m => store.Messages.PublishAsync([m], Ct)).ToArray();

        gate.Set();
        await blocker;
        await Task.WhenAll(publishes);

        // One commit for the batch that held the writer, one for the 50 publishes queued behind it.
        Assert.Equal(commitsBeforeBatch + 2, Volatile.Read(ref commits));
        foreach (var message in queued)
        {
            Assert.NotNull(await store.Messages.GetAsync("tenant-a", message.Id, Ct));
        }
    }

    [Fact]
    public async Task ExecuteAsync_FailingOperationInBatch_DoesNotFailTheOthers()
    {
        await using var store = await SqliteTestStores.OpenAsync(_directory.Path);
        var existing = MessageFactory.Message("tenant-a", T0);
        await store.Messages.PublishAsync([existing], Ct);
        using var gate = new ManualResetEventSlim();
        var blocker = await HoldWriterAsync(store, gate);

        var before = Enumerable.Range(0, 20).Select(_ => MessageFactory.Message("tenant-a", T0)).ToArray();
        var beforeTasks = before.Select(m => store.Messages.PublishAsync([m], Ct)).ToArray();
        var rotate = store.SigningKeys.RotateAsync("tenant-without-keys", "sig_next", Ct);
        var partial = MessageFactory.Message("tenant-a", T0);
        var duplicate = MessageFactory.Message("tenant-a", T0) with { Id = existing.Id };
        var failingPublish = store.Messages.PublishAsync([partial, duplicate], Ct);
        var after = Enumerable.Range(0, 20).Select(_ => MessageFactory.Message("tenant-b", T0)).ToArray();
        var afterTasks = after.Select(m => store.Messages.PublishAsync([m], Ct)).ToArray();
        gate.Set();
        await blocker;

        await Assert.ThrowsAsync<InvalidOperationException>(() => rotate);
        await Assert.ThrowsAsync<SqliteException>(() => failingPublish);
        await Task.WhenAll(beforeTasks.Concat(afterTasks));
        foreach (var message in before.Concat(after))
        {
            Assert.NotNull(await store.Messages.GetAsync(message.TenantId, message.Id, Ct));
        }

        // The failed publish rolled back to its savepoint: its first message and its CREATED event are gone too.
        Assert.Null(await store.Messages.GetAsync("tenant-a", partial.Id, Ct));
        var partialEvents = await store.Events.ListAsync("tenant-a", new QueryFilter { MessageIds = [partial.Id] }, new PageRequest(null, 10), Ct);
        Assert.Empty(partialEvents.Items);
        Assert.Null(await store.SigningKeys.GetAsync("tenant-without-keys", Ct));
        Assert.Equal(41, (await store.Maintenance.GetStatisticsAsync(Ct)).Pending);
    }

    [Fact]
    public async Task PublishAsync_IdAlreadyStored_FailsAndStoresNothingOfTheCall()
    {
        await using var store = await SqliteTestStores.OpenAsync(_directory.Path);
        var existing = MessageFactory.Message("tenant-a", T0);
        await store.Messages.PublishAsync([existing], Ct);
        var fresh = MessageFactory.Message("tenant-a", T0);

        await Assert.ThrowsAsync<SqliteException>(() => store.Messages.PublishAsync([fresh, existing with { CreatedAt = T0.AddSeconds(1) }], Ct));

        Assert.Null(await store.Messages.GetAsync("tenant-a", fresh.Id, Ct));
        var next = MessageFactory.Message("tenant-a", T0);
        Assert.Equal([new PublishOutcome(next.Id, false)], await store.Messages.PublishAsync([next], Ct));
        var stored = await store.Messages.GetAsync("tenant-a", existing.Id, Ct);
        Assert.Equal(T0, stored?.CreatedAt);
        Assert.Equal(MessageState.Created, stored?.State);
    }

    /// <summary>Occupies the writer with an operation that waits for <paramref name="gate"/>; returns once it runs.</summary>
    private static async Task<Task<int>> HoldWriterAsync(SqliteHeraldStore store, ManualResetEventSlim gate)
    {
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var blocker = store.Database.Writer.ExecuteAsync(
            _ =>
            {
                running.SetResult();
                return gate.Wait(TimeSpan.FromSeconds(30)) ? 1 : 0;
            },
            Ct);
        await running.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        return blocker;
    }
}
