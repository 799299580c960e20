using System.Net;
using Herald.Client.Dlq;
using Herald.Client.Publishing;
using Herald.Client.Tests.Support;

namespace Herald.Client.Tests.Dlq;

public sealed class DlqClientTests : ClientTestBase
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Receiver.Respond("/fail", new ReceiverResponse(500, "boom"));
        Receiver.Respond("/gone", new ReceiverResponse(410, "gone"));
    }

    [Fact]
    public async Task ListAsync_SeveralPages_YieldsEveryEntryOnceInOrder()
    {
        var ids = await FailAsync(5, "paged");

        var firstPage = await Client.Dlq.ListPageAsync(count: 2, cancellationToken: Ct);
        var listed = await Client.Dlq.ListAsync(pageSize: 2, cancellationToken: Ct).ToListAsync(Ct);

        Assert.NotNull(firstPage.Cursor);
        Assert.Equal(2, firstPage.Messages.Count);
        Assert.Equal(5, listed.Count);
        Assert.Equal(ids.Order(StringComparer.Ordinal), listed.Select(e => e.MessageId).Order(StringComparer.Ordinal));
        Assert.Equal(5, listed.Select(e => e.DlqId).Distinct().Count());
        Assert.Equal(firstPage.Messages.Select(m => m.DlqId), listed.Take(2).Select(m => m.DlqId));
        var latestFirst = await Client.Dlq.ListAsync(order: ListOrder.LatestFirst, pageSize: 3, cancellationToken: Ct).ToListAsync(Ct);
        Assert.Equal(listed.Select(e => e.DlqId).Reverse(), latestFirst.Select(e => e.DlqId));
    }

    [Fact]
    public async Task ListAsync_Filters_NarrowByLabelStatusAndMessage()
    {
        var red = (await FailAsync(2, "red"))[0];
        var gone = (await FailAsync(1, "blue", "/gone"))[0];

        var byLabel = await Client.Dlq.ListAsync(new DlqFilter { Labels = ["red"] }, cancellationToken: Ct).ToListAsync(Ct);
        var byStatus = await Client.Dlq.ListAsync(new DlqFilter { ResponseStatuses = [410] }, cancellationToken: Ct).ToListAsync(Ct);
        var byMessage = await Client.Dlq.ListAsync(new DlqFilter { MessageIds = [red] }, cancellationToken: Ct).ToListAsync(Ct);
        var byUrl = await Client.Dlq.ListAsync(new DlqFilter { Urls = [Receiver.Url("/gone")] }, cancellationToken: Ct).ToListAsync(Ct);
        var none = await Client.Dlq.ListAsync(new DlqFilter { FromDate = DateTimeOffset.FromUnixTimeSeconds(4102444800) }, cancellationToken: Ct).ToListAsync(Ct);

        Assert.Equal(2, byLabel.Count);
        Assert.All(byLabel, e => Assert.Equal("red", e.Label));
        Assert.Equal(gone, Assert.Single(byStatus).MessageId);
        Assert.Equal(red, Assert.Single(byMessage).MessageId);
        Assert.Equal(gone, Assert.Single(byUrl).MessageId);
        Assert.Empty(none);
    }

    [Fact]
    public async Task GetAsync_Entry_ReturnsTheMessageAndItsLastResponse()
    {
        var id = (await FailAsync(1, "get"))[0];
        var listed = Assert.Single(await Client.Dlq.ListAsync(cancellationToken: Ct).ToListAsync(Ct));

        var entry = await Client.Dlq.GetAsync(listed.DlqId!, Ct);

        Assert.Equal(id, entry.MessageId);
        Assert.Equal(500, entry.ResponseStatus);
        Assert.Equal("boom", entry.ResponseBody);
        Assert.Equal(Receiver.Url("/fail"), entry.Url);
        var missing = await Assert.ThrowsAsync<HeraldApiException>(() => Client.Dlq.GetAsync("1-0", Ct));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task DeleteAsync_Entry_RemovesItAndASecondDeleteThrows404()
    {
        await FailAsync(1, "delete");
        var entry = Assert.Single(await Client.Dlq.ListAsync(cancellationToken: Ct).ToListAsync(Ct));

        await Client.Dlq.DeleteAsync(entry.DlqId!, Ct);

        Assert.Empty(await Client.Dlq.ListAsync(cancellationToken: Ct).ToListAsync(Ct));
        var again = await Assert.ThrowsAsync<HeraldApiException>(() => Client.Dlq.DeleteAsync(entry.DlqId!, Ct));
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task DeleteManyAsync_ByIdsAndByFilterWithCount_DeletesExactlyThose()
    {
        await FailAsync(2, "ids");
        await FailAsync(3, "filtered");
        var byIds = (await Client.Dlq.ListAsync(new DlqFilter { Labels = ["ids"] }, cancellationToken: Ct).ToListAsync(Ct)).Select(e => e.DlqId!).ToList();

        var deletedByIds = await Client.Dlq.DeleteManyAsync(byIds, Ct);
        var deletedTwo = await Client.Dlq.DeleteManyAsync(new DlqFilter { Labels = ["filtered"] }, count: 2, Ct);

        Assert.Equal(2, deletedByIds);
        Assert.Equal(2, deletedTwo);
        var left = Assert.Single(await Client.Dlq.ListAsync(cancellationToken: Ct).ToListAsync(Ct));
        Assert.Equal("filtered", left.Label);
        Assert.Equal(1, await Client.Dlq.DeleteManyAsync(new DlqFilter(), cancellationToken: Ct));
        Assert.Equal(0, await Client.Dlq.DeleteManyAsync([], Ct));
    }

    [Fact]
    public async Task RetryAsync_Entry_CreatesANewMessageWithTheOverrideAndRemovesTheEntry()
    {
        var original = (await FailAsync(1, "retry"))[0];
        var entry = Assert.Single(await Client.Dlq.ListAsync(cancellationToken: Ct).ToListAsync(Ct));

        var newId = await Client.Dlq.RetryAsync(entry.DlqId!, new DlqRetryOptions { Retries = 2, Delay = TimeSpan.FromHours(1) }, Ct);

        Assert.NotEqual(original, newId);
        var message = await Client.Messages.GetAsync(newId, Ct);
        Assert.Equal(2, message.MaxRetries);
        Assert.Equal(Receiver.Url("/fail"), message.Url);
        Assert.True(message.NotBefore > TimeProvider.System.GetUtcNow().AddMinutes(50).ToUnixTimeMilliseconds());
        var gone = await Assert.ThrowsAsync<HeraldApiException>(() => Client.Dlq.GetAsync(entry.DlqId!, Ct));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task RetryManyAsync_ByIdsAndByFilter_ReturnsTheNewMessageIds()
    {
        Receiver.Respond("/fail", new ReceiverResponse(500, "boom"));
        await FailAsync(2, "many-ids");
        await FailAsync(2, "many-filter");
        var ids = (await Client.Dlq.ListAsync(new DlqFilter { Labels = ["many-ids"] }, cancellationToken: Ct).ToListAsync(Ct)).Select(e => e.DlqId!).ToList();

        var retriedByIds = await Client.Dlq.RetryManyAsync(ids, new DlqRetryOptions { Delay = TimeSpan.FromHours(1) }, Ct);
        var retriedOne = await Client.Dlq.RetryManyAsync(new DlqFilter { Labels = ["many-filter"] }, count: 1, new DlqRetryOptions { Delay = TimeSpan.FromHours(1) }, Ct);

        Assert.Equal(2, retriedByIds.Count);
        Assert.Single(retriedOne);
        foreach (var id in retriedByIds.Concat(retriedOne))
        {
            Assert.Equal(id, (await Client.Messages.GetAsync(id, Ct)).MessageId);
        }

        var left = Assert.Single(await Client.Dlq.ListAsync(cancellationToken: Ct).ToListAsync(Ct));
        Assert.Equal("many-filter", left.Label);
    }

    [Fact]
    public async Task ListAsync_CancelledBetweenPages_ThrowsOperationCanceledException()
    {
        await FailAsync(3, "cancel");
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var seen = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var entry in Client.Dlq.ListAsync(pageSize: 1, cancellationToken: cts.Token))
            {
                seen++;
                await cts.CancelAsync();
            }
        });

        Assert.Equal(1, seen);
    }

    /// <summary>Publishes <paramref name="count"/> messages that fail at once (no retries) and waits until all are dead-lettered.</summary>
    private async Task<List<string>> FailAsync(int count, string label, string path = "/fail")
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var result = await Client.PublishAsync(new PublishRequest { Destination = Receiver.Url(path), Retries = 0, Labels = [label] }, Ct);
            ids.Add(result.MessageId);
        }

        await Eventually.MatchAsync(
            () => Client.Dlq.ListAsync(new DlqFilter { Labels = [label] }, cancellationToken: Ct).ToListAsync(Ct).AsTask(),
            entries => entries.Count == count,
            $"{count} DLQ entries labelled {label}");
        return ids;
    }
}
