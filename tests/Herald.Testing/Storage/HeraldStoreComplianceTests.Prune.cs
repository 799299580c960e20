using Herald.Core.Messages;
using Herald.Core.Storage;

namespace Herald.Testing.Storage;

public abstract partial class HeraldStoreComplianceTests
{
    /// <summary>A bound before everything the tests write, so a table is left alone.</summary>
    private static readonly DateTimeOffset LongAgo = T0.AddYears(-1);

    [Fact]
    public async Task PruneAsync_DeliveredBeforeBound_RemovesOnlyThose()
    {
        var early = await DeliverAsync(T0);
        var late = await DeliverAsync(T0.AddMinutes(10));
        var pending = await PublishAsync(TenantA, T0, MessageFactory.Spec(T0.AddDays(1)));
        var retrying = await PublishAndClaimAsync(TenantA, T0.AddMinutes(11));
        await Store.Messages.CompleteAsync([Completions.Retry(retrying, T0.AddMinutes(11), T0.AddDays(1))], Ct);
        var active = await PublishAndClaimAsync(TenantA, T0.AddMinutes(12));

        var result = await Store.Maintenance.PruneAsync(new PruneRequest(T0.AddHours(1), T0.AddMinutes(5), LongAgo, LongAgo, 100), Ct);

        Assert.Equal(new PruneResult(1, 0, 0, 0), result);
        Assert.Null(await Store.Messages.GetAsync(TenantA, early, Ct));
        Assert.NotNull(await Store.Messages.GetAsync(TenantA, late, Ct));
        Assert.NotNull(await Store.Messages.GetAsync(TenantA, pending.Id, Ct));
        Assert.NotNull(await Store.Messages.GetAsync(TenantA, retrying.Message.Id, Ct));
        Assert.NotNull(await Store.Messages.GetAsync(TenantA, active.Message.Id, Ct));
    }

    [Fact]
    public async Task PruneAsync_NotYetDueMessageCreatedLongAgo_IsKept()
    {
        var pending = await PublishAsync(TenantA, T0, MessageFactory.Spec(T0.AddDays(30)));

        var result = await Store.Maintenance.PruneAsync(new PruneRequest(T0.AddDays(10), T0.AddDays(9), LongAgo, LongAgo, 100), Ct);

        Assert.Equal(0, result.Messages);
        Assert.NotNull(await Store.Messages.GetAsync(TenantA, pending.Id, Ct));
    }

    [Fact]
    public async Task PruneAsync_EventsBeforeBound_RemovesOnlyThose()
    {
        var first = await PublishAsync(TenantA, T0);
        var second = await PublishAsync(TenantA, T0.AddMinutes(1));
        var third = await PublishAsync(TenantA, T0.AddMinutes(2));

        var result = await Store.Maintenance.PruneAsync(new PruneRequest(T0.AddHours(1), LongAgo, T0.AddMinutes(1).AddMilliseconds(1), LongAgo, 100), Ct);

        Assert.Equal(new PruneResult(0, 2, 0, 0), result);
        Assert.Equal([third.Id], (await AllEventsAsync(TenantA)).Select(e => e.MessageId));
        Assert.NotNull(await Store.Messages.GetAsync(TenantA, first.Id, Ct));
        Assert.NotNull(await Store.Messages.GetAsync(TenantA, second.Id, Ct));
    }

    [Fact]
    public async Task PruneAsync_DlqBeforeBound_RemovesOnlyThose()
    {
        var (_, early) = await DeadLetterAsync(TenantA, T0);
        var (_, late) = await DeadLetterAsync(TenantA, T0.AddMinutes(10));

        var result = await Store.Maintenance.PruneAsync(new PruneRequest(T0.AddHours(1), LongAgo, LongAgo, T0.AddMinutes(5), 100), Ct);

        Assert.Equal(new PruneResult(0, 0, 1, 0), result);
        Assert.Null(await Store.Dlq.GetAsync(TenantA, early, Ct));
        Assert.NotNull(await Store.Dlq.GetAsync(TenantA, late, Ct));
    }

    [Fact]
    public async Task PruneAsync_ExpiredDedupKey_IsRemovedAndTheKeyCanBeUsedAgain()
    {
        var first = MessageFactory.Deduplicated(TenantA, T0, "key-1", T0.AddMinutes(10));
        var live = MessageFactory.Deduplicated(TenantA, T0, "key-2", T0.AddHours(2));
        await PublishAsync(first, live);

        var result = await Store.Maintenance.PruneAsync(new PruneRequest(T0.AddMinutes(10), LongAgo, LongAgo, LongAgo, 100), Ct);
        // Created inside the first key's old window: only the removal lets it through.
        var reused = MessageFactory.Deduplicated(TenantA, T0.AddMinutes(1), "key-1", T0.AddMinutes(20));
        var reusedOutcome = await Store.Messages.PublishAsync([reused], Ct);
        var liveOutcome = await Store.Messages.PublishAsync([MessageFactory.Deduplicated(TenantA, T0.AddMinutes(1), "key-2", T0.AddHours(3))], Ct);

        Assert.Equal(new PruneResult(0, 0, 0, 1), result);
        Assert.Equal([new PublishOutcome(reused.Id, false)], reusedOutcome);
        Assert.Equal([new PublishOutcome(live.Id, true)], liveOutcome);
    }

    [Fact]
    public async Task PruneAsync_BatchSize_LimitsRowsPerTablePerCall()
    {
        for (var i = 0; i < 5; i++)
        {
            await DeliverAsync(T0.AddSeconds(i));
            await DeadLetterAsync(TenantB, T0.AddSeconds(i));
        }

        var request = new PruneRequest(T0.AddHours(1), T0.AddMinutes(1), LongAgo, T0.AddMinutes(1), 2);
        var first = await Store.Maintenance.PruneAsync(request, Ct);
        var second = await Store.Maintenance.PruneAsync(request, Ct);
        var third = await Store.Maintenance.PruneAsync(request, Ct);
        var fourth = await Store.Maintenance.PruneAsync(request, Ct);

        Assert.Equal(new PruneResult(2, 0, 2, 0), first);
        Assert.Equal(new PruneResult(2, 0, 2, 0), second);
        Assert.Equal(new PruneResult(1, 0, 1, 0), third);
        Assert.Equal(0, fourth.Total);
        Assert.Empty(await AllDlqAsync(TenantB));
    }

    [Fact]
    public async Task PruneAsync_EventsInBatches_RemovesAllOldEventsEventually()
    {
        for (var i = 0; i < 5; i++)
        {
            await PublishAsync(TenantA, T0.AddSeconds(i));
        }

        var request = new PruneRequest(T0.AddHours(1), LongAgo, T0.AddMinutes(1), LongAgo, 2);
        var counts = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            counts.Add((await Store.Maintenance.PruneAsync(request, Ct)).Events);
        }

        Assert.Equal([2, 2, 1, 0], counts);
        Assert.Empty(await AllEventsAsync(TenantA));
    }

    [Fact]
    public async Task GetStatisticsAsync_CountsPendingActiveDlqAndEvents()
    {
        var empty = await Store.Maintenance.GetStatisticsAsync(Ct);
        await DeliverAsync(T0);
        await DeadLetterAsync(TenantB, T0.AddSeconds(1));
        var retrying = await PublishAndClaimAsync(TenantA, T0.AddSeconds(2));
        await Store.Messages.CompleteAsync([Completions.Retry(retrying, T0.AddSeconds(2), T0.AddDays(1))], Ct);
        await PublishAndClaimAsync(TenantA, T0.AddSeconds(3));
        await PublishAsync(TenantB, T0.AddSeconds(4), MessageFactory.Spec(T0.AddDays(1)));
        await PublishAndClaimAsync(TenantB, T0.AddSeconds(5));

        var stats = await Store.Maintenance.GetStatisticsAsync(Ct);

        Assert.Equal(new StoreStatistics(0, 0, 0, 0), empty);
        var events = (await AllEventsAsync(TenantA)).Count + (await AllEventsAsync(TenantB)).Count;
        Assert.Equal(new StoreStatistics(Pending: 2, Active: 2, Dlq: 1, Events: events), stats);
    }

    /// <summary>Publishes, claims and delivers a message of tenant A at <paramref name="at"/>; returns its id.</summary>
    private async Task<string> DeliverAsync(DateTimeOffset at)
    {
        var claimed = await PublishAndClaimAsync(TenantA, at);
        var statuses = await Store.Messages.CompleteAsync([Completions.Delivered(claimed, at)], Ct);
        Assert.Equal([CompletionStatus.Applied], statuses);
        var stored = await Store.Messages.GetAsync(TenantA, claimed.Message.Id, Ct);
        Assert.Equal(MessageState.Delivered, stored?.State);
        return claimed.Message.Id;
    }
}
