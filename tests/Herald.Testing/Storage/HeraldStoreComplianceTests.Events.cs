using Herald.Core.Messages;
using Herald.Core.Storage;

namespace Herald.Testing.Storage;

public abstract partial class HeraldStoreComplianceTests
{
    [Fact]
    public async Task EventsListAsync_Ascending_ReturnsOldestFirst()
    {
        var (delivered, _) = await PublishEventSetAsync();

        var events = await AllEventsAsync(TenantA);

        Assert.Equal(events.OrderBy(e => e.Id).Select(e => e.Id), events.Select(e => e.Id));
        Assert.Equal(events.OrderBy(e => e.Time).Select(e => e.Time), events.Select(e => e.Time));
        Assert.Equal(delivered, events[0].MessageId);
        Assert.Equal(MessageState.Created, events[0].State);
    }

    [Fact]
    public async Task EventsListAsync_Descending_ReturnsNewestFirst()
    {
        var (_, failed) = await PublishEventSetAsync();

        var page = await Store.Events.ListAsync(TenantA, QueryFilter.All, new PageRequest(null, 100, Descending: true), Ct);

        Assert.Null(page.NextCursor);
        Assert.Equal(page.Items.OrderByDescending(e => e.Id).Select(e => e.Id), page.Items.Select(e => e.Id));
        Assert.Equal(failed, page.Items[0].MessageId);
        Assert.Equal(MessageState.Failed, page.Items[0].State);
        Assert.Equal((await AllEventsAsync(TenantA)).Count, page.Items.Count);
    }

    [Fact]
    public async Task EventsListAsync_AscendingPages_VisitEveryEventOnce()
    {
        await PublishEventSetAsync();
        var all = await AllEventsAsync(TenantA);

        var paged = await AllEventsAsync(TenantA, pageSize: 2);

        Assert.True(all.Count > 4);
        Assert.Equal(all.Select(e => e.Id), paged.Select(e => e.Id));
    }

    [Fact]
    public async Task EventsListAsync_DescendingPages_VisitEveryEventOnce()
    {
        await PublishEventSetAsync();
        var all = await AllEventsAsync(TenantA);

        var first = await Store.Events.ListAsync(TenantA, QueryFilter.All, new PageRequest(null, 3, Descending: true), Ct);
        var paged = await AllEventsAsync(TenantA, descending: true, pageSize: 3);

        Assert.Equal(3, first.Items.Count);
        Assert.NotNull(first.NextCursor);
        Assert.Equal(all.Select(e => e.Id).Reverse(), paged.Select(e => e.Id));
        Assert.Equal(paged.Count, paged.Select(e => e.Id).Distinct().Count());
    }

    [Fact]
    public async Task EventsListAsync_OtherTenant_SeesNothing()
    {
        var (delivered, _) = await PublishEventSetAsync();

        var all = await AllEventsAsync(TenantB);
        var byId = await AllEventsAsync(TenantB, new QueryFilter { MessageIds = [delivered] });

        Assert.Empty(all);
        Assert.Empty(byId);
    }

    [Fact]
    public async Task EventsListAsync_ByMessageIds_ReturnsOnlyTheirEvents()
    {
        var (delivered, failed) = await PublishEventSetAsync();

        var events = await AllEventsAsync(TenantA, new QueryFilter { MessageIds = [delivered, failed] });

        Assert.Equal(7, events.Count);
        Assert.All(events, e => Assert.Contains(e.MessageId, new[] { delivered, failed }));
    }

    [Fact]
    public async Task EventsListAsync_ByStates_ReturnsOnlyThoseStates()
    {
        var (delivered, failed) = await PublishEventSetAsync();

        var events = await AllEventsAsync(TenantA, new QueryFilter { States = [MessageState.Delivered, MessageState.Failed] });

        Assert.Equal([(delivered, MessageState.Delivered), (failed, MessageState.Failed)], events.Select(e => (e.MessageId, e.State)));
    }

    [Fact]
    public async Task EventsListAsync_ByUrl_ReturnsOnlyThatDestination()
    {
        var (delivered, _) = await PublishEventSetAsync();

        var events = await AllEventsAsync(TenantA, new QueryFilter { Urls = ["https://one.example.com/a"] });

        Assert.Equal([MessageState.Created, MessageState.Active, MessageState.Delivered], events.Select(e => e.State));
        Assert.All(events, e => Assert.Equal(delivered, e.MessageId));
        Assert.All(events, e => Assert.Equal("https://one.example.com/a", e.Url));
    }

    [Fact]
    public async Task EventsListAsync_ByLabel_ReturnsOnlyLabelledMessages()
    {
        var (_, failed) = await PublishEventSetAsync();

        var events = await AllEventsAsync(TenantA, new QueryFilter { Labels = ["beta"] });

        Assert.Equal(4, events.Count);
        Assert.All(events, e => Assert.Equal(failed, e.MessageId));
    }

    [Fact]
    public async Task EventsListAsync_ByHostAndPath_ReturnsMatching()
    {
        var (delivered, failed) = await PublishEventSetAsync();

        var byHost = await AllEventsAsync(TenantA, new QueryFilter { Hosts = ["two.example.com"] });
        var byPath = await AllEventsAsync(TenantA, new QueryFilter { Paths = ["/a"] });
        var both = await AllEventsAsync(TenantA, new QueryFilter { Hosts = ["two.example.com"], Paths = ["/a"] });

        Assert.All(byHost, e => Assert.Equal(failed, e.MessageId));
        Assert.Equal(4, byHost.Count);
        Assert.All(byPath, e => Assert.Equal(delivered, e.MessageId));
        Assert.Equal(3, byPath.Count);
        Assert.Empty(both);
    }

    [Fact]
    public async Task EventsListAsync_ByTimeRange_IsInclusive()
    {
        var (delivered, failed) = await PublishEventSetAsync();

        var events = await AllEventsAsync(TenantA, new QueryFilter { FromDate = T0.AddSeconds(1), ToDate = T0.AddSeconds(2) });

        Assert.Equal([(delivered, MessageState.Active), (delivered, MessageState.Delivered), (failed, MessageState.Created)], events.Select(e => (e.MessageId, e.State)));
        Assert.All(events, e => Assert.InRange(e.Time, T0.AddSeconds(1), T0.AddSeconds(2)));
    }

    [Fact]
    public async Task EventsListAsync_FailedAttempt_CarriesResponseDetails()
    {
        var (_, failed) = await PublishEventSetAsync();

        var error = Assert.Single(await AllEventsAsync(TenantA, new QueryFilter { MessageIds = [failed], States = [MessageState.Error] }));

        Assert.Equal(500, error.ResponseStatus);
        Assert.Equal("http_status", error.ErrorCategory);
        Assert.Equal("the destination answered 500", error.Error);
        Assert.Equal("boom"u8.ToArray(), error.ResponseBody);
        Assert.Equal(T0.AddSeconds(4), error.Time);
        Assert.Equal("https://two.example.com/b", error.Url);
        Assert.Equal("orders", error.TopicName);
        Assert.Equal("queue-b", error.QueueName);
    }

    [Fact]
    public async Task EventsListAsync_RetainedMessage_CarriesSpec()
    {
        var spec = MessageFactory.FullSpec(T0);
        var claimed = await PublishAndClaimAsync(TenantA, T0, spec);
        await Store.Messages.CompleteAsync([Completions.Delivered(claimed, T0.AddSeconds(1))], Ct);

        var events = await AllEventsAsync(TenantA, new QueryFilter { MessageIds = [claimed.Message.Id] });

        Assert.Equal(3, events.Count);
        Assert.All(events, e =>
        {
            Assert.NotNull(e.Spec);
            SpecAssert.Equal(spec, e.Spec);
        });
    }

    [Fact]
    public async Task EventsListAsync_DeadLetteredMessage_CarriesSpecUntilEntryIsDeleted()
    {
        var spec = MessageFactory.Spec(T0, "https://dlq.example.com/spec") with { Labels = ["kept"] };
        var (message, dlqId) = await DeadLetterAsync(TenantA, T0, spec);

        var whileInDlq = await AllEventsAsync(TenantA, new QueryFilter { MessageIds = [message.Id] });
        await Store.Dlq.DeleteAsync(TenantA, new QueryFilter { DlqIds = [dlqId] }, new PageRequest(null, 10), Ct);
        var afterDelete = await AllEventsAsync(TenantA, new QueryFilter { MessageIds = [message.Id] });

        Assert.All(whileInDlq, e => Assert.Equal("https://dlq.example.com/spec", e.Spec?.Url));
        Assert.Equal(["kept"], whileInDlq[0].Spec?.Labels);
        Assert.Equal(whileInDlq.Select(e => e.Id), afterDelete.Select(e => e.Id));
        Assert.All(afterDelete, e => Assert.Null(e.Spec));
    }

    [Fact]
    public async Task EventsListAsync_CanceledMessage_KeepsEventsWithoutSpec()
    {
        var message = await PublishAsync(TenantA, T0);
        await Store.Messages.CancelAsync(TenantA, new QueryFilter { MessageIds = [message.Id] }, null, T0.AddSeconds(1), Ct);

        var events = await AllEventsAsync(TenantA, new QueryFilter { MessageIds = [message.Id] });

        Assert.Equal([MessageState.Created, MessageState.Canceled], events.Select(e => e.State));
        Assert.All(events, e => Assert.Null(e.Spec));
        Assert.All(events, e => Assert.Equal(message.Spec.Url, e.Url));
    }

    /// <summary>
    /// Tenant A: "delivered" (https://one.example.com/a, label alpha) created T0, claimed T0+1s, delivered T0+2s;
    /// "failed" (https://two.example.com/b, label beta, topic orders, queue queue-b) created T0+2s, claimed T0+3s,
    /// failed T0+4s. Seven events in all, in time order.
    /// </summary>
    private async Task<(string Delivered, string Failed)> PublishEventSetAsync()
    {
        var delivered = await PublishAsync(TenantA, T0, MessageFactory.Spec(T0, "https://one.example.com/a") with { Labels = ["alpha"] });
        var claimedDelivered = await ClaimOneAsync(delivered.Id, T0.AddSeconds(1));
        await Store.Messages.CompleteAsync([Completions.Delivered(claimedDelivered, T0.AddSeconds(2))], Ct);

        var failedSpec = MessageFactory.Spec(T0.AddSeconds(2), "https://two.example.com/b") with
        {
            Labels = ["beta"],
            TopicName = "orders",
            QueueName = "queue-b",
        };
        var failed = await PublishAsync(TenantA, T0.AddSeconds(2), failedSpec);
        var claimedFailed = await ClaimOneAsync(failed.Id, T0.AddSeconds(3));
        await Store.Messages.CompleteAsync([Completions.Failed(claimedFailed, T0.AddSeconds(4), MessageFactory.NewDlqId())], Ct);
        return (delivered.Id, failed.Id);
    }
}
