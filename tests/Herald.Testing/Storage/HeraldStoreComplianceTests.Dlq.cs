using Herald.Core.Messages;
using Herald.Core.Storage;

namespace Herald.Testing.Storage;

public abstract partial class HeraldStoreComplianceTests
{
    [Fact]
    public async Task DlqGetAsync_OtherTenantOrUnknownId_ReturnsNull()
    {
        var (_, dlqId) = await DeadLetterAsync(TenantA, T0);

        Assert.Null(await Store.Dlq.GetAsync(TenantB, dlqId, Ct));
        Assert.Null(await Store.Dlq.GetAsync(TenantA, MessageFactory.NewDlqId(), Ct));
        Assert.NotNull(await Store.Dlq.GetAsync(TenantA, dlqId, Ct));
    }

    [Fact]
    public async Task DlqListAsync_OtherTenant_SeesNothing()
    {
        await DeadLetterAsync(TenantA, T0);

        var page = await Store.Dlq.ListAsync(TenantB, QueryFilter.All, new PageRequest(null, 100), Ct);

        Assert.Empty(page.Items);
        Assert.Null(page.NextCursor);
        Assert.Single(await AllDlqAsync(TenantA));
    }

    [Fact]
    public async Task DlqListAsync_AscendingPages_VisitEveryEntryOnceOldestFirst()
    {
        var dlqIds = await DeadLetterManyAsync(5);

        var first = await Store.Dlq.ListAsync(TenantA, QueryFilter.All, new PageRequest(null, 2), Ct);
        var second = await Store.Dlq.ListAsync(TenantA, QueryFilter.All, new PageRequest(first.NextCursor, 2), Ct);
        var third = await Store.Dlq.ListAsync(TenantA, QueryFilter.All, new PageRequest(second.NextCursor, 2), Ct);

        Assert.NotNull(first.NextCursor);
        Assert.NotNull(second.NextCursor);
        Assert.Null(third.NextCursor);
        Assert.Equal(dlqIds[..2], first.Items.Select(e => e.DlqId));
        Assert.Equal(dlqIds[2..4], second.Items.Select(e => e.DlqId));
        Assert.Equal(dlqIds[4..], third.Items.Select(e => e.DlqId));
    }

    [Fact]
    public async Task DlqListAsync_DescendingPages_VisitEveryEntryOnceNewestFirst()
    {
        var dlqIds = await DeadLetterManyAsync(5);

        var entries = await AllDlqAsync(TenantA, descending: true, pageSize: 2);

        Assert.Equal(Enumerable.Reverse(dlqIds), entries.Select(e => e.DlqId));
    }

    [Fact]
    public async Task DlqListAsync_PageExactlyFull_HasNoNextCursor()
    {
        var dlqIds = await DeadLetterManyAsync(2);

        var page = await Store.Dlq.ListAsync(TenantA, QueryFilter.All, new PageRequest(null, 2), Ct);

        Assert.Equal(dlqIds, page.Items.Select(e => e.DlqId));
        Assert.Null(page.NextCursor);
    }

    [Fact]
    public async Task DlqListAsync_FilteredPages_VisitEveryMatchOnce()
    {
        var dlqIds = await DeadLetterManyAsync(6);

        var entries = await AllDlqAsync(TenantA, new QueryFilter { Urls = ["https://receiver.example.com/dlq/0"] }, pageSize: 1);

        Assert.Equal([dlqIds[0], dlqIds[2], dlqIds[4]], entries.Select(e => e.DlqId));
    }

    [Fact]
    public async Task DlqListAsync_ByUrl_ReturnsMatching()
    {
        var dlqIds = await DeadLetterManyAsync(4);

        var entries = await AllDlqAsync(TenantA, new QueryFilter { Urls = ["https://receiver.example.com/dlq/1"] });

        Assert.Equal([dlqIds[1], dlqIds[3]], entries.Select(e => e.DlqId));
    }

    [Fact]
    public async Task DlqListAsync_ByMessageAndDlqIds_ReturnsMatching()
    {
        var (m1, d1) = await DeadLetterAsync(TenantA, T0);
        var (_, d2) = await DeadLetterAsync(TenantA, T0.AddMinutes(1));
        var (_, d3) = await DeadLetterAsync(TenantA, T0.AddMinutes(2));

        var byMessage = await AllDlqAsync(TenantA, new QueryFilter { MessageIds = [m1.Id] });
        var byDlqId = await AllDlqAsync(TenantA, new QueryFilter { DlqIds = [d2, d3] });

        Assert.Equal([d1], byMessage.Select(e => e.DlqId));
        Assert.Equal([d2, d3], byDlqId.Select(e => e.DlqId));
    }

    [Fact]
    public async Task DlqListAsync_ByResponseStatus_ReturnsMatching()
    {
        var (_, d404) = await DeadLetterAsync(TenantA, T0, status: 404);
        await DeadLetterAsync(TenantA, T0.AddMinutes(1), status: 500);
        var (_, d410) = await DeadLetterAsync(TenantA, T0.AddMinutes(2), status: 410);

        var entries = await AllDlqAsync(TenantA, new QueryFilter { ResponseStatuses = [404, 410] });

        Assert.Equal([d404, d410], entries.Select(e => e.DlqId));
    }

    [Fact]
    public async Task DlqListAsync_ByFailureTimeRange_IsInclusive()
    {
        var dlqIds = await DeadLetterManyAsync(4);

        var entries = await AllDlqAsync(TenantA, new QueryFilter { FromDate = T0.AddMinutes(1), ToDate = T0.AddMinutes(2) });

        Assert.Equal(dlqIds[1..3], entries.Select(e => e.DlqId));
    }

    [Fact]
    public async Task DlqListAsync_ByLabelQueueAndTopic_ReturnsMatching()
    {
        var (_, labelled) = await DeadLetterAsync(TenantA, T0, MessageFactory.Spec(T0) with { Labels = ["vip", "eu"], QueueName = "q", TopicName = "t" });
        await DeadLetterAsync(TenantA, T0.AddMinutes(1), MessageFactory.Spec(T0.AddMinutes(1)) with { Labels = ["us"] });

        var byLabel = await AllDlqAsync(TenantA, new QueryFilter { Labels = ["eu"] });
        var byQueue = await AllDlqAsync(TenantA, new QueryFilter { QueueNames = ["q"] });
        var byTopic = await AllDlqAsync(TenantA, new QueryFilter { TopicNames = ["t"] });

        Assert.Equal([labelled], byLabel.Select(e => e.DlqId));
        Assert.Equal([labelled], byQueue.Select(e => e.DlqId));
        Assert.Equal([labelled], byTopic.Select(e => e.DlqId));
    }

    [Fact]
    public async Task DlqDeleteAsync_ByFilter_DeletesOnlyMatchingAndReturnsTheirIds()
    {
        var dlqIds = await DeadLetterManyAsync(4);

        var result = await Store.Dlq.DeleteAsync(TenantA, new QueryFilter { Urls = ["https://receiver.example.com/dlq/0"] }, new PageRequest(null, 100), Ct);

        Assert.Equal([dlqIds[0], dlqIds[2]], result.Items);
        Assert.Null(result.NextCursor);
        Assert.Null(await Store.Dlq.GetAsync(TenantA, dlqIds[0], Ct));
        Assert.Equal([dlqIds[1], dlqIds[3]], (await AllDlqAsync(TenantA)).Select(e => e.DlqId));
    }

    [Fact]
    public async Task DlqDeleteAsync_WithCount_DeletesOldestFirstAndContinuesFromCursor()
    {
        var dlqIds = await DeadLetterManyAsync(5);

        var first = await Store.Dlq.DeleteAsync(TenantA, QueryFilter.All, new PageRequest(null, 2), Ct);
        var remainingAfterFirst = (await AllDlqAsync(TenantA)).Select(e => e.DlqId).ToArray();
        var second = await Store.Dlq.DeleteAsync(TenantA, QueryFilter.All, new PageRequest(first.NextCursor, 2), Ct);
        var third = await Store.Dlq.DeleteAsync(TenantA, QueryFilter.All, new PageRequest(second.NextCursor, 2), Ct);

        Assert.Equal(dlqIds[..2], first.Items);
        Assert.NotNull(first.NextCursor);
        Assert.Equal(dlqIds[2..], remainingAfterFirst);
        Assert.Equal(dlqIds[2..4], second.Items);
        Assert.NotNull(second.NextCursor);
        Assert.Equal(dlqIds[4..], third.Items);
        Assert.Null(third.NextCursor);
        Assert.Empty(await AllDlqAsync(TenantA));
    }

    [Fact]
    public async Task DlqDeleteAsync_OtherTenant_DeletesNothing()
    {
        var (_, dlqId) = await DeadLetterAsync(TenantA, T0);

        var result = await Store.Dlq.DeleteAsync(TenantB, QueryFilter.All, new PageRequest(null, 100), Ct);
        var byId = await Store.Dlq.DeleteAsync(TenantB, new QueryFilter { DlqIds = [dlqId] }, new PageRequest(null, 100), Ct);

        Assert.Empty(result.Items);
        Assert.Empty(byId.Items);
        Assert.NotNull(await Store.Dlq.GetAsync(TenantA, dlqId, Ct));
    }

    [Fact]
    public async Task DlqRetryAsync_Matching_StoresRebuiltMessagesAndRemovesEntries()
    {
        var (original, dlqId) = await DeadLetterAsync(TenantA, T0, MessageFactory.FullSpec(T0));
        var (_, untouched) = await DeadLetterAsync(TenantA, T0.AddMinutes(1));
        var retryAt = T0.AddHours(1);
        var seen = new List<DlqEntry>();

        var result = await Store.Dlq.RetryAsync(TenantA, new QueryFilter { DlqIds = [dlqId] }, new PageRequest(null, 100), entry =>
        {
            seen.Add(entry);
            return Rebuild(entry, retryAt);
        }, Ct);

        var retried = Assert.Single(seen);
        Assert.Equal(dlqId, retried.DlqId);
        Assert.Equal(original.Id, retried.Message.Id);
        var newId = Assert.Single(result.Items);
        Assert.NotEqual(original.Id, newId);
        Assert.Null(result.NextCursor);
        Assert.Null(await Store.Dlq.GetAsync(TenantA, dlqId, Ct));
        Assert.NotNull(await Store.Dlq.GetAsync(TenantA, untouched, Ct));
        var stored = await Store.Messages.GetAsync(TenantA, newId, Ct);
        Assert.NotNull(stored);
        Assert.Equal(MessageState.Created, stored.State);
        Assert.Equal(0, stored.Retried);
        SpecAssert.Equal(original.Spec with { NotBefore = retryAt }, stored.Spec);
        Assert.Equal([MessageState.Created], await EventStatesAsync(TenantA, newId));
        var claim = await Store.Messages.ClaimDueAsync(retryAt, 10, Margin, Ct);
        Assert.Equal([newId], claim.Messages.Select(m => m.Message.Id));
    }

    [Fact]
    public async Task DlqRetryAsync_WithCount_RetriesOldestFirstAndContinuesFromCursor()
    {
        var dlqIds = await DeadLetterManyAsync(3);
        var retryAt = T0.AddHours(1);
        var order = new List<string>();

        var first = await Store.Dlq.RetryAsync(TenantA, QueryFilter.All, new PageRequest(null, 2), e => { order.Add(e.DlqId); return Rebuild(e, retryAt); }, Ct);
        var second = await Store.Dlq.RetryAsync(TenantA, QueryFilter.All, new PageRequest(first.NextCursor, 2), e => { order.Add(e.DlqId); return Rebuild(e, retryAt); }, Ct);

        Assert.Equal(2, first.Items.Count);
        Assert.NotNull(first.NextCursor);
        Assert.Single(second.Items);
        Assert.Null(second.NextCursor);
        Assert.Equal(dlqIds, order);
        Assert.Empty(await AllDlqAsync(TenantA));
        var claim = await Store.Messages.ClaimDueAsync(retryAt, 10, Margin, Ct);
        Assert.Equal(3, claim.Messages.Count);
    }

    [Fact]
    public async Task DlqRetryAsync_OtherTenant_RetriesNothing()
    {
        var (_, dlqId) = await DeadLetterAsync(TenantA, T0);
        var calls = 0;

        var result = await Store.Dlq.RetryAsync(TenantB, QueryFilter.All, new PageRequest(null, 100), e => { calls++; return Rebuild(e, T0); }, Ct);

        Assert.Empty(result.Items);
        Assert.Equal(0, calls);
        Assert.NotNull(await Store.Dlq.GetAsync(TenantA, dlqId, Ct));
    }

    [Fact]
    public async Task DlqRetryAsync_SameEntryTwice_SecondRetriesNothing()
    {
        var (_, dlqId) = await DeadLetterAsync(TenantA, T0);
        var filter = new QueryFilter { DlqIds = [dlqId] };

        var first = await Store.Dlq.RetryAsync(TenantA, filter, new PageRequest(null, 10), e => Rebuild(e, T0.AddHours(1)), Ct);
        var second = await Store.Dlq.RetryAsync(TenantA, filter, new PageRequest(null, 10), e => Rebuild(e, T0.AddHours(1)), Ct);

        Assert.Single(first.Items);
        Assert.Empty(second.Items);
        Assert.Single((await Store.Messages.ClaimDueAsync(T0.AddHours(1), 10, Margin, Ct)).Messages);
    }

    /// <summary>A new message with a fresh id and the entry's spec, due at <paramref name="at"/>.</summary>
    private static NewMessage Rebuild(DlqEntry entry, DateTimeOffset at) => new()
    {
        Id = MessageFactory.NewMessageId(),
        TenantId = entry.Message.TenantId,
        CreatedAt = at,
        Spec = entry.Message.Spec with { NotBefore = at },
    };

    /// <summary>Dead-letters <paramref name="count"/> messages of tenant A, one a minute from T0, alternating two URLs.</summary>
    private async Task<string[]> DeadLetterManyAsync(int count)
    {
        var ids = new string[count];
        for (var i = 0; i < count; i++)
        {
            var at = T0.AddMinutes(i);
            ids[i] = (await DeadLetterAsync(TenantA, at, MessageFactory.Spec(at, $"https://receiver.example.com/dlq/{i % 2}"))).DlqId;
        }

        return ids;
    }
}
