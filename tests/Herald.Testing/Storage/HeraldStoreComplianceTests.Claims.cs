using Herald.Core.Messages;
using Herald.Core.Storage;

namespace Herald.Testing.Storage;

public abstract partial class HeraldStoreComplianceTests
{
    [Fact]
    public async Task ClaimDueAsync_Empty_ReturnsNothingAndNoNextDue()
    {
        var claim = await Store.Messages.ClaimDueAsync(T0, 10, Margin, Ct);

        Assert.Empty(claim.Messages);
        Assert.Null(claim.NextDueAt);
    }

    [Fact]
    public async Task ClaimDueAsync_NotBeforeInFuture_DoesNotClaimAndReportsNextDueAt()
    {
        var later = await PublishAsync(TenantA, T0, MessageFactory.Spec(T0.AddMinutes(5)));

        var early = await Store.Messages.ClaimDueAsync(T0.AddMinutes(5).AddMilliseconds(-1), 10, Margin, Ct);
        var onTime = await Store.Messages.ClaimDueAsync(T0.AddMinutes(5), 10, Margin, Ct);

        Assert.Empty(early.Messages);
        Assert.Equal(T0.AddMinutes(5), early.NextDueAt);
        Assert.Equal([later.Id], onTime.Messages.Select(m => m.Message.Id));
        Assert.Null(onTime.NextDueAt);
    }

    [Fact]
    public async Task ClaimDueAsync_DueAndFutureMessages_ClaimsDueAndReportsFutureAsNext()
    {
        var due = await PublishAsync(TenantA, T0);
        await PublishAsync(TenantA, T0, MessageFactory.Spec(T0.AddHours(1)));
        await PublishAsync(TenantB, T0, MessageFactory.Spec(T0.AddMinutes(30)));

        var claim = await Store.Messages.ClaimDueAsync(T0, 10, Margin, Ct);

        Assert.Equal([due.Id], claim.Messages.Select(m => m.Message.Id));
        Assert.Equal(T0.AddMinutes(30), claim.NextDueAt);
    }

    [Fact]
    public async Task ClaimDueAsync_DueMessages_ClaimsOldestDueFirst()
    {
        var middle = await PublishAsync(TenantA, T0, MessageFactory.Spec(T0.AddMinutes(2)));
        var oldest = await PublishAsync(TenantB, T0, MessageFactory.Spec(T0.AddMinutes(1)));
        var newest = await PublishAsync(TenantA, T0, MessageFactory.Spec(T0.AddMinutes(3)));

        var claim = await Store.Messages.ClaimDueAsync(T0.AddMinutes(10), 10, Margin, Ct);

        Assert.Equal([oldest.Id, middle.Id, newest.Id], claim.Messages.Select(m => m.Message.Id));
    }

    [Fact]
    public async Task ClaimDueAsync_MoreDueThanLimit_ClaimsOnlyLimitOldestFirst()
    {
        var third = await PublishAsync(TenantA, T0, MessageFactory.Spec(T0.AddMinutes(3)));
        var first = await PublishAsync(TenantA, T0, MessageFactory.Spec(T0.AddMinutes(1)));
        var second = await PublishAsync(TenantA, T0, MessageFactory.Spec(T0.AddMinutes(2)));
        var now = T0.AddMinutes(10);

        var claim = await Store.Messages.ClaimDueAsync(now, 2, Margin, Ct);
        var rest = await Store.Messages.ClaimDueAsync(now, 2, Margin, Ct);

        Assert.Equal([first.Id, second.Id], claim.Messages.Select(m => m.Message.Id));
        Assert.Equal(T0.AddMinutes(3), claim.NextDueAt);
        Assert.Equal([third.Id], rest.Messages.Select(m => m.Message.Id));
        Assert.Null(rest.NextDueAt);
    }

    [Fact]
    public async Task ClaimDueAsync_Due_SetsActiveWithLeaseTokenAndExpiry()
    {
        var spec = MessageFactory.FullSpec(T0);
        var message = await PublishAsync(TenantA, T0, spec);
        var now = T0.AddSeconds(3);

        var claimed = await ClaimOneAsync(message.Id, now);

        Assert.Equal(now + spec.Timeout + Margin, claimed.LeaseExpiresAt);
        Assert.Equal(MessageState.Active, claimed.Message.State);
        Assert.Equal(TenantA, claimed.Message.TenantId);
        Assert.Equal(0, claimed.Message.Retried);
        SpecAssert.Equal(spec, claimed.Message.Spec);
        var stored = await Store.Messages.GetAsync(TenantA, message.Id, Ct);
        Assert.NotNull(stored);
        Assert.Equal(MessageState.Active, stored.State);
        var events = await AllEventsAsync(TenantA, new QueryFilter { MessageIds = [message.Id] });
        Assert.Equal([MessageState.Created, MessageState.Active], events.Select(e => e.State));
        Assert.Equal(now, events[1].Time);
    }

    [Fact]
    public async Task ClaimDueAsync_SeveralMessages_GivesEachItsOwnTokenAndExpiry()
    {
        await PublishAsync(TenantA, T0, MessageFactory.Spec(T0) with { Timeout = TimeSpan.FromSeconds(5) });
        await PublishAsync(TenantA, T0.AddSeconds(1), MessageFactory.Spec(T0.AddSeconds(1)) with { Timeout = TimeSpan.FromMinutes(2) });

        var claim = await Store.Messages.ClaimDueAsync(T0.AddSeconds(2), 10, Margin, Ct);

        Assert.Equal(2, claim.Messages.Count);
        Assert.NotEqual(claim.Messages[0].LeaseToken, claim.Messages[1].LeaseToken);
        Assert.Equal(T0.AddSeconds(2) + TimeSpan.FromSeconds(5) + Margin, claim.Messages[0].LeaseExpiresAt);
        Assert.Equal(T0.AddSeconds(2) + TimeSpan.FromMinutes(2) + Margin, claim.Messages[1].LeaseExpiresAt);
    }

    [Fact]
    public async Task ClaimDueAsync_AlreadyClaimed_IsNotClaimedAgainWhileLeased()
    {
        var claimed = await PublishAndClaimAsync(TenantA, T0);

        var again = await Store.Messages.ClaimDueAsync(claimed.LeaseExpiresAt.AddMilliseconds(-1), 10, Margin, Ct);

        Assert.Empty(again.Messages);
        Assert.Null(again.NextDueAt);
        var stored = await Store.Messages.GetAsync(TenantA, claimed.Message.Id, Ct);
        Assert.Equal(MessageState.Active, stored?.State);
    }

    [Fact]
    public async Task ClaimDueAsync_ZeroLimit_ClaimsNothing()
    {
        var message = await PublishAsync(TenantA, T0);

        var claim = await Store.Messages.ClaimDueAsync(T0, 0, Margin, Ct);

        Assert.Empty(claim.Messages);
        Assert.Equal(MessageState.Created, (await Store.Messages.GetAsync(TenantA, message.Id, Ct))?.State);
    }

    [Fact]
    public async Task RescueExpiredLeasesAsync_ExpiredLease_ReturnsToDueAndCountsAttempt()
    {
        var claimed = await PublishAndClaimAsync(TenantA, T0);
        var expiry = claimed.LeaseExpiresAt;

        var beforeExpiry = await Store.Messages.RescueExpiredLeasesAsync(expiry.AddMilliseconds(-1), Ct);
        var atExpiry = await Store.Messages.RescueExpiredLeasesAsync(expiry, Ct);

        Assert.Equal(0, beforeExpiry);
        Assert.Equal(1, atExpiry);
        var stored = await Store.Messages.GetAsync(TenantA, claimed.Message.Id, Ct);
        Assert.NotNull(stored);
        Assert.Equal(MessageState.Retry, stored.State);
        Assert.Equal(1, stored.Retried);
        Assert.Equal(expiry, stored.NextAttemptAt);
        var events = await AllEventsAsync(TenantA, new QueryFilter { MessageIds = [claimed.Message.Id] });
        Assert.Equal([MessageState.Created, MessageState.Active, MessageState.Error, MessageState.Retry], events.Select(e => e.State));
        Assert.Equal(expiry, events[^1].NextDeliveryTime);
        var reclaimed = await ClaimOneAsync(claimed.Message.Id, expiry);
        Assert.Equal(1, reclaimed.Message.Retried);
        Assert.NotEqual(claimed.LeaseToken, reclaimed.LeaseToken);
    }

    [Fact]
    public async Task RescueExpiredLeasesAsync_NothingExpired_RescuesNothing()
    {
        var claimed = await PublishAndClaimAsync(TenantA, T0);
        await PublishAsync(TenantA, T0);

        var rescued = await Store.Messages.RescueExpiredLeasesAsync(T0.AddSeconds(1), Ct);

        Assert.Equal(0, rescued);
        Assert.Equal(MessageState.Active, (await Store.Messages.GetAsync(TenantA, claimed.Message.Id, Ct))?.State);
    }

    [Fact]
    public async Task RescueExpiredLeasesAsync_SeveralExpired_RescuesEach()
    {
        await PublishAsync(TenantA, T0);
        await PublishAsync(TenantB, T0);
        var claim = await Store.Messages.ClaimDueAsync(T0, 10, Margin, Ct);
        var later = claim.Messages.Max(m => m.LeaseExpiresAt);

        var rescued = await Store.Messages.RescueExpiredLeasesAsync(later, Ct);

        Assert.Equal(2, rescued);
        var again = await Store.Messages.ClaimDueAsync(later, 10, Margin, Ct);
        Assert.Equal(2, again.Messages.Count);
        Assert.All(again.Messages, m => Assert.Equal(1, m.Message.Retried));
    }

    [Fact]
    public async Task RescueExpiredLeasesAsync_HeldLeases_AreLeftAlone()
    {
        await PublishAsync(TenantA, T0);
        await PublishAsync(TenantA, T0);
        var claim = await Store.Messages.ClaimDueAsync(T0, 10, Margin, Ct);
        var held = claim.Messages[0];
        var orphaned = claim.Messages[1];
        var later = claim.Messages.Max(m => m.LeaseExpiresAt).AddMinutes(10);

        var first = await Store.Messages.RescueExpiredLeasesAsync(later, [held.LeaseToken, 12345], Ct);

        Assert.Equal(1, first);
        Assert.Equal(MessageState.Active, (await Store.Messages.GetAsync(TenantA, held.Message.Id, Ct))?.State);
        Assert.Equal(MessageState.Retry, (await Store.Messages.GetAsync(TenantA, orphaned.Message.Id, Ct))?.State);

        var second = await Store.Messages.RescueExpiredLeasesAsync(later, [], Ct);

        Assert.Equal(1, second);
        Assert.Equal(MessageState.Retry, (await Store.Messages.GetAsync(TenantA, held.Message.Id, Ct))?.State);
    }

    [Fact]
    public async Task RescueExpiredLeasesAsync_CancelRequested_EndsCanceled()
    {
        var claimed = await PublishAndClaimAsync(TenantA, T0);
        await Store.Messages.CancelAsync(TenantA, new QueryFilter { MessageIds = [claimed.Message.Id] }, null, T0.AddSeconds(1), Ct);

        var rescued = await Store.Messages.RescueExpiredLeasesAsync(claimed.LeaseExpiresAt, Ct);

        Assert.Equal(1, rescued);
        Assert.Null(await Store.Messages.GetAsync(TenantA, claimed.Message.Id, Ct));
        Assert.Empty((await Store.Messages.ClaimDueAsync(claimed.LeaseExpiresAt, 10, Margin, Ct)).Messages);
        var states = await EventStatesAsync(TenantA, claimed.Message.Id);
        Assert.Equal(MessageState.Canceled, states[^1]);
        Assert.DoesNotContain(MessageState.Retry, states);
    }

    [Fact]
    public async Task ReleaseAsync_Leased_ReturnsToDueWithoutCountingAttempt()
    {
        var claimed = await PublishAndClaimAsync(TenantA, T0);
        var now = T0.AddSeconds(5);

        var released = await Store.Messages.ReleaseAsync([new LeaseRef(claimed.Message.Id, claimed.LeaseToken)], now, Ct);

        Assert.Equal(1, released);
        var stored = await Store.Messages.GetAsync(TenantA, claimed.Message.Id, Ct);
        Assert.NotNull(stored);
        Assert.Equal(0, stored.Retried);
        Assert.NotEqual(MessageState.Active, stored.State);
        var reclaimed = await ClaimOneAsync(claimed.Message.Id, now);
        Assert.Equal(0, reclaimed.Message.Retried);
    }

    [Fact]
    public async Task ReleaseAsync_WrongToken_ReleasesNothing()
    {
        var claimed = await PublishAndClaimAsync(TenantA, T0);

        var released = await Store.Messages.ReleaseAsync([new LeaseRef(claimed.Message.Id, claimed.LeaseToken ^ 0x5A5A)], T0.AddSeconds(1), Ct);

        Assert.Equal(0, released);
        Assert.Equal(MessageState.Active, (await Store.Messages.GetAsync(TenantA, claimed.Message.Id, Ct))?.State);
        var completion = await Store.Messages.CompleteAsync([Completions.Delivered(claimed, T0.AddSeconds(2))], Ct);
        Assert.Equal([CompletionStatus.Applied], completion);
    }

    [Fact]
    public async Task ReleaseAsync_Released_OldTokenCompletionIsStale()
    {
        var claimed = await PublishAndClaimAsync(TenantA, T0);
        await Store.Messages.ReleaseAsync([new LeaseRef(claimed.Message.Id, claimed.LeaseToken)], T0.AddSeconds(1), Ct);

        var statuses = await Store.Messages.CompleteAsync([Completions.Delivered(claimed, T0.AddSeconds(2))], Ct);

        Assert.Equal([CompletionStatus.Stale], statuses);
        Assert.NotEqual(MessageState.Delivered, (await Store.Messages.GetAsync(TenantA, claimed.Message.Id, Ct))?.State);
    }

    [Fact]
    public async Task ReleaseAsync_CancelRequested_EndsCanceledInsteadOfDueAgain()
    {
        var claimed = await PublishAndClaimAsync(TenantA, T0);
        await Store.Messages.CancelAsync(TenantA, new QueryFilter { MessageIds = [claimed.Message.Id] }, null, T0.AddSeconds(1), Ct);

        var released = await Store.Messages.ReleaseAsync([new LeaseRef(claimed.Message.Id, claimed.LeaseToken)], T0.AddSeconds(2), Ct);

        Assert.Equal(1, released);
        Assert.Null(await Store.Messages.GetAsync(TenantA, claimed.Message.Id, Ct));
        Assert.Empty((await Store.Messages.ClaimDueAsync(T0.AddDays(1), 10, Margin, Ct)).Messages);
        Assert.Equal(MessageState.Canceled, (await EventStatesAsync(TenantA, claimed.Message.Id))[^1]);
    }
}
