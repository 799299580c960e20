using Herald.Core.Messages;
using Herald.Core.Storage;

namespace Herald.Testing.Storage;

public abstract partial class HeraldStoreComplianceTests
{
    [Fact]
    public async Task PublishAsync_WithClaim_StoresActiveWithCreatedThenActiveEvents()
    {
        var lease = new PublishClaim(LeaseToken: 4242, LeaseExpiresAt: T0.AddMinutes(1));
        var message = MessageFactory.Message(TenantA, T0) with { Claim = lease };

        await PublishAsync(message);

        var stored = await Store.Messages.GetAsync(TenantA, message.Id, Ct);
        Assert.Equal(MessageState.Active, stored?.State);
        Assert.Equal(0, stored?.Retried);
        var events = await AllEventsAsync(TenantA, new QueryFilter { MessageIds = [message.Id] });
        Assert.Equal([MessageState.Created, MessageState.Active], events.Select(e => e.State));
        Assert.All(events, e => Assert.Equal(T0, e.Time));
    }

    [Fact]
    public async Task PublishAsync_WithClaim_IsNotClaimedAgainWhileLeased()
    {
        var message = MessageFactory.Message(TenantA, T0) with { Claim = new PublishClaim(7, T0.AddMinutes(1)) };
        await PublishAsync(message);

        var claim = await Store.Messages.ClaimDueAsync(T0.AddSeconds(59), 10, Margin, Ct);

        Assert.Empty(claim.Messages);
        Assert.Null(claim.NextDueAt);
    }

    [Fact]
    public async Task PublishAsync_WithClaim_CompletesUnderItsLeaseTokenOnly()
    {
        var message = MessageFactory.Message(TenantA, T0) with { Claim = new PublishClaim(99, T0.AddMinutes(1)) };
        await PublishAsync(message);
        var stored = await Store.Messages.GetAsync(TenantA, message.Id, Ct);
        Assert.NotNull(stored);

        var stale = await Store.Messages.CompleteAsync([Completions.Delivered(new ClaimedMessage(stored, 98, T0.AddMinutes(1)), T0.AddSeconds(1))], Ct);
        var current = await Store.Messages.CompleteAsync([Completions.Delivered(new ClaimedMessage(stored, 99, T0.AddMinutes(1)), T0.AddSeconds(1))], Ct);

        Assert.Equal([CompletionStatus.Stale], stale);
        Assert.Equal([CompletionStatus.Applied], current);
        Assert.Equal([MessageState.Created, MessageState.Active, MessageState.Delivered], await EventStatesAsync(TenantA, message.Id));
    }

    [Fact]
    public async Task PublishAsync_WithClaim_ExpiredLeaseIsRescuedLikeAClaimedOne()
    {
        var message = MessageFactory.Message(TenantA, T0) with { Claim = new PublishClaim(5, T0.AddMinutes(1)) };
        await PublishAsync(message);

        var early = await Store.Messages.RescueExpiredLeasesAsync(T0.AddSeconds(59), Ct);
        var rescued = await Store.Messages.RescueExpiredLeasesAsync(T0.AddMinutes(1), Ct);
        var claim = await Store.Messages.ClaimDueAsync(T0.AddMinutes(1), 10, Margin, Ct);

        Assert.Equal(0, early);
        Assert.Equal(1, rescued);
        var again = Assert.Single(claim.Messages);
        Assert.Equal(message.Id, again.Message.Id);
        Assert.Equal(1, again.Message.Retried);
    }

    [Fact]
    public async Task PublishAsync_WithClaimButDeduplicated_StoresNothing()
    {
        var first = MessageFactory.Deduplicated(TenantA, T0, "key-1", T0.AddMinutes(10));
        var second = MessageFactory.Deduplicated(TenantA, T0.AddSeconds(1), "key-1", T0.AddMinutes(10)) with { Claim = new PublishClaim(3, T0.AddMinutes(1)) };
        await PublishAsync(first);

        var outcomes = await Store.Messages.PublishAsync([second], Ct);

        Assert.Equal([new PublishOutcome(first.Id, Deduplicated: true)], outcomes);
        Assert.Null(await Store.Messages.GetAsync(TenantA, second.Id, Ct));
        var claim = await Store.Messages.ClaimDueAsync(T0.AddSeconds(2), 10, Margin, Ct);
        Assert.Equal([first.Id], claim.Messages.Select(m => m.Message.Id));
    }
}
