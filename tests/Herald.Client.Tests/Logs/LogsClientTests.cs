using Herald.Client.Logs;
using Herald.Client.Publishing;
using Herald.Client.Tests.Support;
using Herald.Contracts.Wire;

namespace Herald.Client.Tests.Logs;

public sealed class LogsClientTests : ClientTestBase
{
    [Fact]
    public async Task ListAsync_SeveralPages_YieldsEveryEntryOnce()
    {
        await DeliverAsync(4, "paged");
        var filter = new LogFilter { Labels = ["paged"] };
        var single = await Client.Logs.ListPageAsync(filter, count: 1000, cancellationToken: Ct);
        var firstPage = await Client.Logs.ListPageAsync(filter, count: 3, cancellationToken: Ct);

        var paged = await Client.Logs.ListAsync(filter, pageSize: 3, cancellationToken: Ct).ToListAsync(Ct);

        Assert.Null(single.Cursor);
        Assert.NotNull(firstPage.Cursor);
        Assert.True(paged.Count > 6, $"expected several pages, got {paged.Count} entries");
        Assert.Equal(single.Events.Select(Key), paged.Select(Key));
        Assert.Equal(paged.Count, paged.Select(Key).Distinct().Count());
    }

    [Fact]
    public async Task ListAsync_StateAndMessageFilters_SelectOnlyMatchingEntries()
    {
        var ids = await DeliverAsync(2, "states");

        var delivered = await Client.Logs.ListAsync(new LogFilter { States = [LogState.Delivered] }, cancellationToken: Ct).ToListAsync(Ct);
        var oneMessage = await Client.Logs.ListAsync(new LogFilter { MessageIds = [ids[0]] }, ListOrder.EarliestFirst, cancellationToken: Ct).ToListAsync(Ct);
        var byPath = await Client.Logs.ListAsync(new LogFilter { Paths = ["/logs"], States = [LogState.Created] }, cancellationToken: Ct).ToListAsync(Ct);

        Assert.Equal(ids.Order(StringComparer.Ordinal), delivered.Select(e => e.MessageId).Order(StringComparer.Ordinal));
        Assert.All(delivered, e => Assert.Equal("DELIVERED", e.State));
        Assert.All(oneMessage, e => Assert.Equal(ids[0], e.MessageId));
        Assert.Equal("CREATED", oneMessage[0].State);
        Assert.Equal("DELIVERED", oneMessage[^1].State);
        Assert.Equal(2, byPath.Count);
    }

    [Fact]
    public async Task ListAsync_DefaultOrder_IsNewestFirst()
    {
        var id = (await DeliverAsync(1, "order"))[0];

        var newestFirst = await Client.Logs.ListAsync(new LogFilter { MessageIds = [id] }, cancellationToken: Ct).ToListAsync(Ct);

        Assert.Equal("DELIVERED", newestFirst[0].State);
        Assert.Equal("CREATED", newestFirst[^1].State);
        Assert.True(newestFirst[0].Time >= newestFirst[^1].Time);
    }

    [Fact]
    public async Task ListAsync_CancelledDuringEnumeration_ThrowsOperationCanceledException()
    {
        await DeliverAsync(2, "cancel");
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            // The token given to the enumerator (WithCancellation) counts as much as the method's own.
            await foreach (var _ in Client.Logs.ListAsync(pageSize: 1, cancellationToken: CancellationToken.None).WithCancellation(cts.Token))
            {
                await cts.CancelAsync();
            }
        });

        Assert.True(cts.IsCancellationRequested);
    }

    [Fact]
    public async Task ListPageAsync_InvalidPageSize_ThrowsBeforeSending()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Client.Logs.ListPageAsync(count: 0, cancellationToken: Ct));
        Assert.Throws<ArgumentOutOfRangeException>(() => Client.Logs.ListAsync(pageSize: -1, cancellationToken: Ct));
    }

    private static string Key(LogEntry e) => $"{e.MessageId}/{e.State}/{e.Time}/{e.Retried}";

    /// <summary>Publishes <paramref name="count"/> labelled messages and waits until every one is delivered.</summary>
    private async Task<List<string>> DeliverAsync(int count, string label)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            ids.Add((await Client.PublishAsync(new PublishRequest { Destination = Receiver.Url("/logs"), Labels = [label] }, Ct)).MessageId);
        }

        await Eventually.MatchAsync(
            () => Client.Logs.ListAsync(new LogFilter { Labels = [label], States = [LogState.Delivered] }, cancellationToken: Ct).ToListAsync(Ct).AsTask(),
            entries => entries.Count == count,
            $"{count} deliveries labelled {label}");
        return ids;
    }
}
