using Herald.Core.Messages;
using Herald.Core.Storage;

namespace Herald.Testing.Storage;

public abstract partial class HeraldStoreComplianceTests
{
    [Fact]
    public async Task CompleteAsync_Delivered_EndsDeliveredWithEventsInOrder()
    {
        var claimed = await PublishAndClaimAsync(TenantA, T0);
        var at = T0.AddSeconds(2);

        var statuses = await Store.Messages.CompleteAsync([Completions.Delivered(claimed, at)], Ct);

        Assert.Equal([CompletionStatus.Applied], statuses);
        var stored = await Store.Messages.GetAsync(TenantA, claimed.Message.Id, Ct);
        Assert.NotNull(stored);
        Assert.Equal(MessageState.Delivered, stored.State);
        Assert.Equal(1, stored.Retried);
        var events = await AllEventsAsync(TenantA, new QueryFilter { MessageIds = [claimed.Message.Id] });
        Assert.Equal([MessageState.Created, MessageState.Active, MessageState.Delivered], events.Select(e => e.State));
        Assert.Equal(at, events[2].Time);
        Assert.Equal(200, events[2].ResponseStatus);
        Assert.Empty((await Store.Messages.ClaimDueAsync(T0.AddDays(1), 10, Margin, Ct)).Messages);
    }

    [Fact]
    public async Task CompleteAsync_SeveralAtOnce_AppliesEachAndReportsStaleOnesPerItem()
    {
        var first = await PublishAndClaimAsync(TenantA, T0);
        var second = await PublishAndClaimAsync(TenantA, T0);
        var third = await PublishAndClaimAsync(TenantA, T0);
        var at = T0.AddSeconds(2);

        var statuses = await Store.Messages.CompleteAsync(
            [
                Completions.Delivered(first, at),
                Completions.Retry(second with { LeaseToken = second.LeaseToken ^ 5 }, at, T0.AddMinutes(1)),
                Completions.Retry(third, at, T0.AddMinutes(1)),
            ],
            Ct);

        Assert.Equal([CompletionStatus.Applied, CompletionStatus.Stale, CompletionStatus.Applied], statuses);
        Assert.Equal(MessageState.Delivered, (await Store.Messages.GetAsync(TenantA, first.Message.Id, Ct))!.State);
        Assert.Equal(MessageState.Active, (await Store.Messages.GetAsync(TenantA, second.Message.Id, Ct))!.State);
        Assert.Equal(MessageState.Retry, (await Store.Messages.GetAsync(TenantA, third.Message.Id, Ct))!.State);
    }

    [Fact]
    public async Task CompleteAsync_Retry_WritesErrorAndRetryAndIsDueAgainAtNextAttempt()
    {
        var claimed = await PublishAndClaimAsync(TenantA, T0);
        var at = T0.AddSeconds(2);
        var next = T0.AddMinutes(1);

        var statuses = await Store.Messages.CompleteAsync([Completions.Retry(claimed, at, next, Completions.HttpFailure(503, "busy"))], Ct);

        Assert.Equal([CompletionStatus.Applied], statuses);
        var stored = await Store.Messages.GetAsync(TenantA, claimed.Message.Id, Ct);
        Assert.NotNull(stored);
        Assert.Equal(MessageState.Retry, stored.State);
        Assert.Equal(1, stored.Retried);
        Assert.Equal(next, stored.NextAttemptAt);

        var events = await AllEventsAsync(TenantA, new QueryFilter { MessageIds = [claimed.Message.Id] });
        Assert.Equal([MessageState.Created, MessageState.Active, MessageState.Error, MessageState.Retry], events.Select(e => e.State));
        var error = events[2];
        Assert.Equal(at, error.Time);
        Assert.Equal(503, error.ResponseStatus);
        Assert.Equal("http_status", error.ErrorCategory);
        Assert.Equal("the destination answered 503", error.Error);
        Assert.Equal("busy"u8.ToArray(), error.ResponseBody);
        Assert.Equal(TimeSpan.FromMilliseconds(250), error.Latency);
        Assert.Equal(next, events[3].NextDeliveryTime);

        var early = await Store.Messages.ClaimDueAsync(next.AddMilliseconds(-1), 10, Margin, Ct);
        Assert.Empty(early.Messages);
        Assert.Equal(next, early.NextDueAt);
        var again = await ClaimOneAsync(claimed.Message.Id, next);
        Assert.Equal(1, again.Message.Retried);
    }

    [Fact]
    public async Task CompleteAsync_RetryThenDelivered_CountsBothAttempts()
    {
        var first = await PublishAndClaimAsync(TenantA, T0);
        var next = T0.AddMinutes(1);
        await Store.Messages.CompleteAsync([Completions.Retry(first, T0.AddSeconds(1), next)], Ct);
        var second = await ClaimOneAsync(first.Message.Id, next);

        var statuses = await Store.Messages.CompleteAsync([Completions.Delivered(second, next.AddSeconds(1))], Ct);

        Assert.Equal([CompletionStatus.Applied], statuses);
        var stored = await Store.Messages.GetAsync(TenantA, first.Message.Id, Ct);
        Assert.Equal(MessageState.Delivered, stored?.State);
        Assert.Equal(2, stored?.Retried);
        Assert.Equal(
            [MessageState.Created, MessageState.Active, MessageState.Error, MessageState.Retry, MessageState.Active, MessageState.Delivered],
            await EventStatesAsync(TenantA, first.Message.Id));
    }

    [Fact]
    public async Task CompleteAsync_Failed_MovesMessageToDlqWithResponse()
    {
        var spec = MessageFactory.FullSpec(T0);
        var claimed = await PublishAndClaimAsync(TenantA, T0, spec);
        var at = T0.AddSeconds(2);
        var dlqId = MessageFactory.NewDlqId();

        var statuses = await Store.Messages.CompleteAsync([Completions.Failed(claimed, at, dlqId, Completions.HttpFailure(404, "not here"))], Ct);

        Assert.Equal([CompletionStatus.Applied], statuses);
        Assert.Null(await Store.Messages.GetAsync(TenantA, claimed.Message.Id, Ct));
        var entry = await Store.Dlq.GetAsync(TenantA, dlqId, Ct);
        Assert.NotNull(entry);
        Assert.Equal(dlqId, entry.DlqId);
        Assert.Equal(at, entry.FailedAt);
        Assert.Equal(404, entry.ResponseStatus);
        Assert.Equal("not here"u8.ToArray(), entry.ResponseBody);
        SpecAssert.HeadersEqual(Completions.HttpFailure(404).ResponseHeaders, entry.ResponseHeaders);
        Assert.Equal("the destination answered 404", entry.Error);
        Assert.Equal("http_status", entry.ErrorCategory);
        Assert.Equal(claimed.Message.Id, entry.Message.Id);
        Assert.Equal(TenantA, entry.Message.TenantId);
        Assert.Equal(T0, entry.Message.CreatedAt);
        Assert.Equal(MessageState.Failed, entry.Message.State);
        Assert.Equal(1, entry.Message.Retried);
        SpecAssert.Equal(spec, entry.Message.Spec);
        Assert.Equal(
            [MessageState.Created, MessageState.Active, MessageState.Error, MessageState.Failed],
            await EventStatesAsync(TenantA, claimed.Message.Id));
        Assert.Empty((await Store.Messages.ClaimDueAsync(T0.AddDays(1), 10, Margin, Ct)).Messages);
    }

    [Fact]
    public async Task CompleteAsync_FailedWithoutResponse_KeepsErrorAndCategory()
    {
        var claimed = await PublishAndClaimAsync(TenantA, T0);
        var dlqId = MessageFactory.NewDlqId();

        await Store.Messages.CompleteAsync([Completions.Failed(claimed, T0.AddSeconds(30), dlqId, Completions.Timeout())], Ct);

        var entry = await Store.Dlq.GetAsync(TenantA, dlqId, Ct);
        Assert.NotNull(entry);
        Assert.Equal("timeout", entry.ErrorCategory);
        Assert.Equal("no response within the timeout", entry.Error);
        Assert.Null(entry.ResponseBody);
    }

    [Fact]
    public async Task CompleteAsync_WrongLeaseToken_ReturnsStaleAndChangesNothing()
    {
        var claimed = await PublishAndClaimAsync(TenantA, T0);
        var wrong = claimed with { LeaseToken = claimed.LeaseToken ^ 0x1234 };
        var dlqId = MessageFactory.NewDlqId();

        var statuses = await Store.Messages.CompleteAsync(
            [Completions.Delivered(wrong, T0.AddSeconds(1)), Completions.Failed(wrong, T0.AddSeconds(1), dlqId), Completions.Retry(wrong, T0.AddSeconds(1), T0.AddMinutes(1))],
            Ct);

        Assert.Equal([CompletionStatus.Stale, CompletionStatus.Stale, CompletionStatus.Stale], statuses);
        var stored = await Store.Messages.GetAsync(TenantA, claimed.Message.Id, Ct);
        Assert.NotNull(stored);
        Assert.Equal(MessageState.Active, stored.State);
        Assert.Equal(0, stored.Retried);
        Assert.Null(await Store.Dlq.GetAsync(TenantA, dlqId, Ct));
        Assert.Equal([MessageState.Created, MessageState.Active], await EventStatesAsync(TenantA, claimed.Message.Id));
    }

    [Fact]
    public async Task CompleteAsync_UnknownMessage_ReturnsStale()
    {
        var claimed = await PublishAndClaimAsync(TenantA, T0);
        var unknown = Completions.Delivered(claimed, T0.AddSeconds(1)) with { MessageId = MessageFactory.NewMessageId() };

        var statuses = await Store.Messages.CompleteAsync([unknown], Ct);

        Assert.Equal([CompletionStatus.Stale], statuses);
    }

    [Fact]
    public async Task CompleteAsync_SameTokenTwice_SecondIsStale()
    {
        var claimed = await PublishAndClaimAsync(TenantA, T0);
        await Store.Messages.CompleteAsync([Completions.Retry(claimed, T0.AddSeconds(1), T0.AddMinutes(1))], Ct);

        var statuses = await Store.Messages.CompleteAsync([Completions.Delivered(claimed, T0.AddSeconds(2))], Ct);

        Assert.Equal([CompletionStatus.Stale], statuses);
        var stored = await Store.Messages.GetAsync(TenantA, claimed.Message.Id, Ct);
        Assert.Equal(MessageState.Retry, stored?.State);
        Assert.Equal(1, stored?.Retried);
    }

    [Fact]
    public async Task CompleteAsync_AfterRescueAndReclaim_FirstTokenIsStaleSecondApplies()
    {
        // R7: worker A stalls past its lease, the message is rescued and claimed by B; A's late outcome is fenced off.
        var a = await PublishAndClaimAsync(TenantA, T0);
        var rescueAt = a.LeaseExpiresAt.AddSeconds(1);
        Assert.Equal(1, await Store.Messages.RescueExpiredLeasesAsync(rescueAt, Ct));
        var b = await ClaimOneAsync(a.Message.Id, rescueAt);
        Assert.NotEqual(a.LeaseToken, b.LeaseToken);

        var stale = await Store.Messages.CompleteAsync([Completions.Failed(a, rescueAt.AddSeconds(1), MessageFactory.NewDlqId())], Ct);
        var stillActive = await Store.Messages.GetAsync(TenantA, a.Message.Id, Ct);
        var applied = await Store.Messages.CompleteAsync([Completions.Delivered(b, rescueAt.AddSeconds(2))], Ct);
        var lateA = await Store.Messages.CompleteAsync([Completions.Retry(a, rescueAt.AddSeconds(3), rescueAt.AddMinutes(1))], Ct);

        Assert.Equal([CompletionStatus.Stale], stale);
        Assert.Equal(MessageState.Active, stillActive?.State);
        Assert.Equal([CompletionStatus.Applied], applied);
        Assert.Equal([CompletionStatus.Stale], lateA);
        var stored = await Store.Messages.GetAsync(TenantA, a.Message.Id, Ct);
        Assert.NotNull(stored);
        Assert.Equal(MessageState.Delivered, stored.State);
        Assert.Equal(2, stored.Retried);
        var states = await EventStatesAsync(TenantA, a.Message.Id);
        Assert.Single(states, s => s is MessageState.Delivered or MessageState.Failed or MessageState.Canceled);
        Assert.Empty(await AllDlqAsync(TenantA));
    }

    [Fact]
    public async Task CompleteAsync_SeveralCompletions_ReturnsOneStatusPerInputInOrder()
    {
        await PublishAsync(TenantA, T0);
        await PublishAsync(TenantA, T0.AddSeconds(1));
        var claim = await Store.Messages.ClaimDueAsync(T0.AddSeconds(1), 10, Margin, Ct);
        var (first, second) = (claim.Messages[0], claim.Messages[1]);

        var statuses = await Store.Messages.CompleteAsync(
            [Completions.Delivered(first, T0.AddSeconds(2)), Completions.Delivered(second with { LeaseToken = second.LeaseToken ^ 1 }, T0.AddSeconds(2)), Completions.Retry(second, T0.AddSeconds(2), T0.AddMinutes(1))],
            Ct);

        Assert.Equal([CompletionStatus.Applied, CompletionStatus.Stale, CompletionStatus.Applied], statuses);
        Assert.Equal(MessageState.Delivered, (await Store.Messages.GetAsync(TenantA, first.Message.Id, Ct))?.State);
        Assert.Equal(MessageState.Retry, (await Store.Messages.GetAsync(TenantA, second.Message.Id, Ct))?.State);
    }

    [Fact]
    public async Task CompleteAsync_DeliveredWithFollowUps_StoresThemInTheSameCall()
    {
        var claimed = await PublishAndClaimAsync(TenantA, T0);
        var at = T0.AddSeconds(2);
        var callback = MessageFactory.Message(TenantA, at, MessageFactory.Spec(at, "https://callbacks.example.com/ok"));
        var secondCallback = MessageFactory.Message(TenantA, at, MessageFactory.Spec(at.AddMinutes(1), "https://callbacks.example.com/later"));

        var statuses = await Store.Messages.CompleteAsync([Completions.Delivered(claimed, at, callback, secondCallback)], Ct);

        Assert.Equal([CompletionStatus.Applied], statuses);
        var stored = await Store.Messages.GetAsync(TenantA, callback.Id, Ct);
        Assert.NotNull(stored);
        Assert.Equal(MessageState.Created, stored.State);
        Assert.Equal("https://callbacks.example.com/ok", stored.Spec.Url);
        Assert.Equal([MessageState.Created], await EventStatesAsync(TenantA, callback.Id));
        Assert.NotNull(await Store.Messages.GetAsync(TenantA, secondCallback.Id, Ct));
        var due = await Store.Messages.ClaimDueAsync(at, 10, Margin, Ct);
        Assert.Equal([callback.Id], due.Messages.Select(m => m.Message.Id));
        Assert.Equal(at.AddMinutes(1), due.NextDueAt);
    }

    [Fact]
    public async Task CompleteAsync_FailedWithFollowUp_StoresFailureCallback()
    {
        var claimed = await PublishAndClaimAsync(TenantA, T0);
        var at = T0.AddSeconds(2);
        var failureCallback = MessageFactory.Message(TenantA, at, MessageFactory.Spec(at, "https://callbacks.example.com/failed"));
        var dlqId = MessageFactory.NewDlqId();

        await Store.Messages.CompleteAsync([Completions.Failed(claimed, at, dlqId, null, failureCallback)], Ct);

        Assert.NotNull(await Store.Dlq.GetAsync(TenantA, dlqId, Ct));
        Assert.Equal(MessageState.Created, (await Store.Messages.GetAsync(TenantA, failureCallback.Id, Ct))?.State);
    }

    [Fact]
    public async Task CompleteAsync_StaleWithFollowUps_StoresNoFollowUp()
    {
        var claimed = await PublishAndClaimAsync(TenantA, T0);
        var callback = MessageFactory.Message(TenantA, T0.AddSeconds(1));

        var statuses = await Store.Messages.CompleteAsync([Completions.Delivered(claimed with { LeaseToken = claimed.LeaseToken ^ 7 }, T0.AddSeconds(1), callback)], Ct);

        Assert.Equal([CompletionStatus.Stale], statuses);
        Assert.Null(await Store.Messages.GetAsync(TenantA, callback.Id, Ct));
    }

    [Fact]
    public async Task CompleteAsync_FailedTwiceWithSameToken_DeadLettersOnce()
    {
        var claimed = await PublishAndClaimAsync(TenantA, T0);
        var first = MessageFactory.NewDlqId();
        var second = MessageFactory.NewDlqId();

        var statuses = await Store.Messages.CompleteAsync(
            [Completions.Failed(claimed, T0.AddSeconds(1), first), Completions.Failed(claimed, T0.AddSeconds(2), second)],
            Ct);

        Assert.Equal([CompletionStatus.Applied, CompletionStatus.Stale], statuses);
        Assert.Equal([first], (await AllDlqAsync(TenantA)).Select(e => e.DlqId));
        Assert.Single(await EventStatesAsync(TenantA, claimed.Message.Id), s => s == MessageState.Failed);
    }
}
