using Herald.Core.Messages;
using Herald.Core.Storage;

namespace Herald.Testing.Storage;

public abstract partial class HeraldStoreComplianceTests
{
    [Fact]
    public async Task CancelAsync_ByMessageIds_CancelsOnlyThose()
    {
        var keep = await PublishAsync(TenantA, T0);
        var cancel1 = await PublishAsync(TenantA, T0);
        var cancel2 = await PublishAsync(TenantA, T0, MessageFactory.Spec(T0.AddHours(1)));
        var now = T0.AddSeconds(1);

        var result = await Store.Messages.CancelAsync(TenantA, new QueryFilter { MessageIds = [cancel1.Id, cancel2.Id] }, null, now, Ct);

        Assert.Equal(2, result.Cancelled);
        Assert.Empty(result.InFlight);
        Assert.Null(await Store.Messages.GetAsync(TenantA, cancel1.Id, Ct));
        Assert.Null(await Store.Messages.GetAsync(TenantA, cancel2.Id, Ct));
        Assert.NotNull(await Store.Messages.GetAsync(TenantA, keep.Id, Ct));
        var events = await AllEventsAsync(TenantA, new QueryFilter { MessageIds = [cancel1.Id] });
        Assert.Equal([MessageState.Created, MessageState.Canceled], events.Select(e => e.State));
        Assert.Equal(now, events[1].Time);
        var claim = await Store.Messages.ClaimDueAsync(T0.AddDays(1), 10, Margin, Ct);
        Assert.Equal([keep.Id], claim.Messages.Select(m => m.Message.Id));
    }

    [Fact]
    public async Task CancelAsync_RetryState_EndsCanceled()
    {
        var claimed = await PublishAndClaimAsync(TenantA, T0);
        await Store.Messages.CompleteAsync([Completions.Retry(claimed, T0.AddSeconds(1), T0.AddMinutes(5))], Ct);

        var result = await Store.Messages.CancelAsync(TenantA, new QueryFilter { MessageIds = [claimed.Message.Id] }, null, T0.AddMinutes(1), Ct);

        Assert.Equal(1, result.Cancelled);
        Assert.Empty(result.InFlight);
        Assert.Null(await Store.Messages.GetAsync(TenantA, claimed.Message.Id, Ct));
        Assert.Empty((await Store.Messages.ClaimDueAsync(T0.AddMinutes(5), 10, Margin, Ct)).Messages);
        Assert.Equal(MessageState.Canceled, (await EventStatesAsync(TenantA, claimed.Message.Id))[^1]);
    }

    [Fact]
    public async Task CancelAsync_Active_BecomesCancelRequestedAndIsListedInFlight()
    {
        var claimed = await PublishAndClaimAsync(TenantA, T0);
        var pending = await PublishAsync(TenantA, T0.AddSeconds(1), MessageFactory.Spec(T0.AddHours(1)));

        var result = await Store.Messages.CancelAsync(TenantA, QueryFilter.All, null, T0.AddSeconds(2), Ct);

        Assert.Equal(2, result.Cancelled);
        Assert.Equal([claimed.Message.Id], result.InFlight);
        var stored = await Store.Messages.GetAsync(TenantA, claimed.Message.Id, Ct);
        Assert.Equal(MessageState.CancelRequested, stored?.State);
        Assert.Null(await Store.Messages.GetAsync(TenantA, pending.Id, Ct));
        Assert.Equal([MessageState.Created, MessageState.Active, MessageState.CancelRequested], await EventStatesAsync(TenantA, claimed.Message.Id));
    }

    [Fact]
    public async Task CompleteAsync_CancelRequestedRetry_EndsCanceled()
    {
        var claimed = await CancelInFlightAsync();

        var statuses = await Store.Messages.CompleteAsync([Completions.Retry(claimed, T0.AddSeconds(3), T0.AddMinutes(1))], Ct);

        Assert.Equal([CompletionStatus.Applied], statuses);
        Assert.Null(await Store.Messages.GetAsync(TenantA, claimed.Message.Id, Ct));
        Assert.Empty((await Store.Messages.ClaimDueAsync(T0.AddDays(1), 10, Margin, Ct)).Messages);
        var states = await EventStatesAsync(TenantA, claimed.Message.Id);
        Assert.Equal([MessageState.Created, MessageState.Active, MessageState.CancelRequested, MessageState.Error, MessageState.Canceled], states);
    }

    [Fact]
    public async Task CompleteAsync_CancelRequestedFailed_EndsCanceledOutsideDlq()
    {
        var claimed = await CancelInFlightAsync();
        var dlqId = MessageFactory.NewDlqId();

        var statuses = await Store.Messages.CompleteAsync([Completions.Failed(claimed, T0.AddSeconds(3), dlqId)], Ct);

        Assert.Equal([CompletionStatus.Applied], statuses);
        Assert.Null(await Store.Messages.GetAsync(TenantA, claimed.Message.Id, Ct));
        Assert.Null(await Store.Dlq.GetAsync(TenantA, dlqId, Ct));
        Assert.Empty(await AllDlqAsync(TenantA));
        Assert.Equal(MessageState.Canceled, (await EventStatesAsync(TenantA, claimed.Message.Id))[^1]);
    }

    [Fact]
    public async Task CompleteAsync_CancelRequestedDelivered_EndsDelivered()
    {
        var claimed = await CancelInFlightAsync();

        var statuses = await Store.Messages.CompleteAsync([Completions.Delivered(claimed, T0.AddSeconds(3))], Ct);

        Assert.Equal([CompletionStatus.Applied], statuses);
        var stored = await Store.Messages.GetAsync(TenantA, claimed.Message.Id, Ct);
        Assert.Equal(MessageState.Delivered, stored?.State);
        var states = await EventStatesAsync(TenantA, claimed.Message.Id);
        Assert.Equal(MessageState.Delivered, states[^1]);
        Assert.DoesNotContain(MessageState.Canceled, states);
    }

    [Fact]
    public async Task CompleteAsync_CancelRequestedWrongToken_IsStale()
    {
        var claimed = await CancelInFlightAsync();

        var statuses = await Store.Messages.CompleteAsync([Completions.Retry(claimed with { LeaseToken = claimed.LeaseToken ^ 3 }, T0.AddSeconds(3), T0.AddMinutes(1))], Ct);

        Assert.Equal([CompletionStatus.Stale], statuses);
        Assert.Equal(MessageState.CancelRequested, (await Store.Messages.GetAsync(TenantA, claimed.Message.Id, Ct))?.State);
    }

    [Fact]
    public async Task CancelAsync_Delivered_IsNotCancelled()
    {
        var claimed = await PublishAndClaimAsync(TenantA, T0);
        await Store.Messages.CompleteAsync([Completions.Delivered(claimed, T0.AddSeconds(1))], Ct);

        var result = await Store.Messages.CancelAsync(TenantA, new QueryFilter { MessageIds = [claimed.Message.Id] }, null, T0.AddSeconds(2), Ct);

        Assert.Equal(0, result.Cancelled);
        Assert.Equal(MessageState.Delivered, (await Store.Messages.GetAsync(TenantA, claimed.Message.Id, Ct))?.State);
    }

    [Fact]
    public async Task CancelAsync_OtherTenant_CancelsNothing()
    {
        var message = await PublishAsync(TenantA, T0);

        var byId = await Store.Messages.CancelAsync(TenantB, new QueryFilter { MessageIds = [message.Id] }, null, T0.AddSeconds(1), Ct);
        var all = await Store.Messages.CancelAsync(TenantB, QueryFilter.All, null, T0.AddSeconds(1), Ct);

        Assert.Equal(0, byId.Cancelled);
        Assert.Equal(0, all.Cancelled);
        Assert.Equal(MessageState.Created, (await Store.Messages.GetAsync(TenantA, message.Id, Ct))?.State);
        Assert.Equal([MessageState.Created], await EventStatesAsync(TenantA, message.Id));
    }

    [Fact]
    public async Task CancelAsync_WithLimit_CancelsAtMostLimit()
    {
        var messages = new List<NewMessage>();
        for (var i = 0; i < 5; i++)
        {
            messages.Add(await PublishAsync(TenantA, T0.AddSeconds(i)));
        }

        var first = await Store.Messages.CancelAsync(TenantA, QueryFilter.All, 2, T0.AddMinutes(1), Ct);
        var second = await Store.Messages.CancelAsync(TenantA, QueryFilter.All, 2, T0.AddMinutes(1), Ct);
        var third = await Store.Messages.CancelAsync(TenantA, QueryFilter.All, 2, T0.AddMinutes(1), Ct);

        Assert.Equal([2, 2, 1], new[] { first.Cancelled, second.Cancelled, third.Cancelled });
        foreach (var message in messages)
        {
            Assert.Null(await Store.Messages.GetAsync(TenantA, message.Id, Ct));
        }
    }

    [Fact]
    public async Task CancelAsync_WithLimitAndFilter_CancelsOnlyMatchingUpToLimit()
    {
        var set = await PublishCancelSetAsync();

        var result = await Store.Messages.CancelAsync(TenantA, new QueryFilter { Hosts = ["a.example.com"] }, 1, T0.AddHours(1), Ct);

        Assert.Equal(1, result.Cancelled);
        var remaining = await RemainingAsync(set);
        Assert.Equal(2, remaining.Count);
        Assert.Contains("m2", remaining);
        Assert.True(remaining.Contains("m1") ^ remaining.Contains("m3"));
    }

    [Fact]
    public async Task CancelAsync_AllFilterWithoutLimit_CancelsEveryPendingMessageOfTheTenant()
    {
        var set = await PublishCancelSetAsync();

        var result = await Store.Messages.CancelAsync(TenantA, QueryFilter.All, null, T0.AddHours(1), Ct);

        Assert.Equal(3, result.Cancelled);
        Assert.Empty(await RemainingAsync(set));
        Assert.NotNull(await Store.Messages.GetAsync(TenantB, set["b1"], Ct));
    }

    [Fact]
    public Task CancelAsync_ByUrl_CancelsMatching() =>
        AssertCancelsAsync(new QueryFilter { Urls = ["https://a.example.com/x"] }, "m1");

    [Fact]
    public Task CancelAsync_ByUrls_MatchesAny() =>
        AssertCancelsAsync(new QueryFilter { Urls = ["https://a.example.com/x", "https://b.example.com/y"] }, "m1", "m2");

    [Fact]
    public Task CancelAsync_ByHost_CancelsMatching() =>
        AssertCancelsAsync(new QueryFilter { Hosts = ["a.example.com"] }, "m1", "m3");

    [Fact]
    public async Task CancelAsync_ByHost_IgnoresCase()
    {
        var message = await PublishAsync(TenantA, T0, MessageFactory.FullSpec(T0.AddDays(1)));

        var result = await Store.Messages.CancelAsync(TenantA, new QueryFilter { Hosts = ["RECEIVER.example.COM"] }, null, T0.AddSeconds(1), Ct);

        Assert.Equal(1, result.Cancelled);
        Assert.Null(await Store.Messages.GetAsync(TenantA, message.Id, Ct));
    }

    [Fact]
    public Task CancelAsync_ByPath_CancelsMatching() =>
        AssertCancelsAsync(new QueryFilter { Paths = ["/y"] }, "m2", "m3");

    [Fact]
    public Task CancelAsync_ByLabels_MatchesAnyLabel() =>
        AssertCancelsAsync(new QueryFilter { Labels = ["red", "green"] }, "m1", "m2");

    [Fact]
    public Task CancelAsync_ByLabel_MatchesWholeLabelOnly() =>
        AssertCancelsAsync(new QueryFilter { Labels = ["re"] });

    [Fact]
    public Task CancelAsync_ByFlowControlKeys_MatchesAnyKey() =>
        AssertCancelsAsync(new QueryFilter { FlowControlKeys = ["fk-1", "fk-2"] }, "m1", "m2");

    [Fact]
    public Task CancelAsync_ByQueueName_CancelsMatching() =>
        AssertCancelsAsync(new QueryFilter { QueueNames = ["q2"] }, "m2");

    [Fact]
    public Task CancelAsync_ByTopicName_CancelsMatching() =>
        AssertCancelsAsync(new QueryFilter { TopicNames = ["t1"] }, "m1");

    [Fact]
    public Task CancelAsync_ByFromDate_IsInclusive() =>
        AssertCancelsAsync(new QueryFilter { FromDate = T0.AddMinutes(1) }, "m2", "m3");

    [Fact]
    public Task CancelAsync_ByToDate_IsInclusive() =>
        AssertCancelsAsync(new QueryFilter { ToDate = T0.AddMinutes(1) }, "m1", "m2");

    [Fact]
    public Task CancelAsync_ByDateRange_CancelsWithinRange() =>
        AssertCancelsAsync(new QueryFilter { FromDate = T0.AddSeconds(30), ToDate = T0.AddSeconds(90) }, "m2");

    [Fact]
    public Task CancelAsync_SeveralFields_MustAllMatch() =>
        AssertCancelsAsync(new QueryFilter { Hosts = ["a.example.com"], Paths = ["/y"] }, "m3");

    [Fact]
    public Task CancelAsync_FilterMatchingNothing_CancelsNothing() =>
        AssertCancelsAsync(new QueryFilter { Urls = ["https://nowhere.example.com/"] });

    /// <summary>Claims and cancels one message so it sits in CANCEL_REQUESTED.</summary>
    private async Task<ClaimedMessage> CancelInFlightAsync()
    {
        var claimed = await PublishAndClaimAsync(TenantA, T0);
        var result = await Store.Messages.CancelAsync(TenantA, new QueryFilter { MessageIds = [claimed.Message.Id] }, null, T0.AddSeconds(1), Ct);
        Assert.Equal([claimed.Message.Id], result.InFlight);
        return claimed;
    }

    /// <summary>
    /// Three messages of tenant A that differ in every filterable attribute (m1 at T0, m2 at T0+1m, m3 at T0+2m), and
    /// b1 of tenant B that looks like m1.
    /// </summary>
    private async Task<Dictionary<string, string>> PublishCancelSetAsync()
    {
        var m1 = await PublishAsync(TenantA, T0, MessageFactory.Spec(T0.AddDays(1), "https://a.example.com/x") with
        {
            Labels = ["red"],
            FlowControl = new FlowControl("fk-1", 1, null, FlowControl.DefaultPeriod),
            QueueName = "q1",
            TopicName = "t1",
        });
        var m2 = await PublishAsync(TenantA, T0.AddMinutes(1), MessageFactory.Spec(T0.AddDays(1), "https://b.example.com/y") with
        {
            Labels = ["blue", "green"],
            FlowControl = new FlowControl("fk-2", null, 5, FlowControl.DefaultPeriod),
            QueueName = "q2",
            TopicName = "t2",
        });
        var m3 = await PublishAsync(TenantA, T0.AddMinutes(2), MessageFactory.Spec(T0.AddDays(1), "https://a.example.com/y"));
        var b1 = await PublishAsync(TenantB, T0, MessageFactory.Spec(T0.AddDays(1), "https://a.example.com/x") with
        {
            Labels = ["red"],
            FlowControl = new FlowControl("fk-1", 1, null, FlowControl.DefaultPeriod),
            QueueName = "q1",
            TopicName = "t1",
        });
        return new Dictionary<string, string> { ["m1"] = m1.Id, ["m2"] = m2.Id, ["m3"] = m3.Id, ["b1"] = b1.Id };
    }

    /// <summary>The names of tenant A's messages of the set that still exist.</summary>
    private async Task<HashSet<string>> RemainingAsync(Dictionary<string, string> set)
    {
        var remaining = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in new[] { "m1", "m2", "m3" })
        {
            if (await Store.Messages.GetAsync(TenantA, set[name], Ct) is not null)
            {
                remaining.Add(name);
            }
        }

        return remaining;
    }

    private async Task AssertCancelsAsync(QueryFilter filter, params string[] expected)
    {
        var set = await PublishCancelSetAsync();

        var result = await Store.Messages.CancelAsync(TenantA, filter, null, T0.AddHours(1), Ct);
        var limited = await Store.Messages.CancelAsync(TenantA, filter, 10, T0.AddHours(1), Ct);

        Assert.Equal(expected.Length, result.Cancelled);
        Assert.Equal(0, limited.Cancelled);
        var remaining = await RemainingAsync(set);
        Assert.Equal(new[] { "m1", "m2", "m3" }.Except(expected).Order(StringComparer.Ordinal), remaining.Order(StringComparer.Ordinal));
        Assert.NotNull(await Store.Messages.GetAsync(TenantB, set["b1"], Ct));
    }
}
