using Herald.Core.Messages;
using Herald.Core.Storage;

namespace Herald.Testing.Storage;

public abstract partial class HeraldStoreComplianceTests
{
    [Fact]
    public async Task PublishAsync_FullSpec_GetAsyncRoundTripsEveryField()
    {
        var spec = MessageFactory.FullSpec(new DateTimeOffset(2030, 1, 1, 14, 5, 0, 250, TimeSpan.FromHours(2)));
        var message = MessageFactory.Message(TenantA, T0, spec);

        var outcomes = await Store.Messages.PublishAsync([message], Ct);

        Assert.Equal([new PublishOutcome(message.Id, false)], outcomes);
        var stored = await Store.Messages.GetAsync(TenantA, message.Id, Ct);
        Assert.NotNull(stored);
        Assert.Equal(message.Id, stored.Id);
        Assert.Equal(TenantA, stored.TenantId);
        Assert.Equal(T0, stored.CreatedAt);
        Assert.Equal(MessageState.Created, stored.State);
        Assert.Equal(0, stored.Retried);
        Assert.Equal(spec.NotBefore, stored.NextAttemptAt);
        SpecAssert.Equal(spec, stored.Spec);
    }

    [Fact]
    public async Task PublishAsync_FullSpec_HeadersKeepCanonicalNamesAndLookUpIgnoringCase()
    {
        var spec = MessageFactory.FullSpec(T0);
        var message = await PublishAsync(TenantA, T0, spec);

        var stored = await Store.Messages.GetAsync(TenantA, message.Id, Ct);

        Assert.NotNull(stored);
        Assert.Equal(["X-Zeta", "Content-Type", "X-Multi", "X-Unicode", "X-Empty"], stored.Spec.Headers.Keys);
        Assert.Equal(["one", "two, with comma", "three"], stored.Spec.Headers["x-multi"]);
        Assert.True(stored.Spec.Headers.ContainsKey("CONTENT-TYPE"));
    }

    [Fact]
    public async Task PublishAsync_MinimalSpec_OptionalFieldsStayEmpty()
    {
        var spec = MessageFactory.Spec(T0) with { Headers = new Dictionary<string, string[]>(), Body = [] };
        var message = await PublishAsync(TenantA, T0, spec);

        var stored = await Store.Messages.GetAsync(TenantA, message.Id, Ct);

        Assert.NotNull(stored);
        SpecAssert.Equal(spec, stored.Spec);
        Assert.Empty(stored.Spec.Body);
        Assert.Empty(stored.Spec.Headers);
        Assert.Empty(stored.Spec.Labels);
        Assert.Null(stored.Spec.FlowControl);
        Assert.Null(stored.Spec.Redact);
        Assert.Null(stored.Spec.Callback);
        Assert.Null(stored.Spec.TraceParent);
    }

    [Fact]
    public async Task PublishAsync_FlowControlKeyOnly_RoundTripsWithDefaultPeriod()
    {
        var spec = MessageFactory.Spec(T0) with { FlowControl = new FlowControl("key-only", null, null, FlowControl.DefaultPeriod) };
        var message = await PublishAsync(TenantA, T0, spec);

        var stored = await Store.Messages.GetAsync(TenantA, message.Id, Ct);

        Assert.NotNull(stored);
        Assert.Equal(new FlowControl("key-only", null, null, FlowControl.DefaultPeriod), stored.Spec.FlowControl);
    }

    [Fact]
    public async Task PublishAsync_SeveralMessages_ReturnsOneOutcomePerInputInOrder()
    {
        var messages = Enumerable.Range(0, 5).Select(i => MessageFactory.Message(i % 2 == 0 ? TenantA : TenantB, T0.AddSeconds(i))).ToArray();

        var outcomes = await Store.Messages.PublishAsync(messages, Ct);

        Assert.Equal(messages.Select(m => new PublishOutcome(m.Id, false)), outcomes);
        foreach (var message in messages)
        {
            var stored = await Store.Messages.GetAsync(message.TenantId, message.Id, Ct);
            Assert.NotNull(stored);
            Assert.Equal(message.CreatedAt, stored.CreatedAt);
        }
    }

    [Fact]
    public async Task PublishAsync_Message_WritesCreatedEvent()
    {
        var message = await PublishAsync(TenantA, T0);

        var events = await AllEventsAsync(TenantA, new QueryFilter { MessageIds = [message.Id] });

        var created = Assert.Single(events);
        Assert.Equal(MessageState.Created, created.State);
        Assert.Equal(message.Id, created.MessageId);
        Assert.Equal(T0, created.Time);
        Assert.Equal(message.Spec.Url, created.Url);
    }

    [Fact]
    public async Task GetAsync_OtherTenant_ReturnsNull()
    {
        var message = await PublishAsync(TenantA, T0);

        Assert.Null(await Store.Messages.GetAsync(TenantB, message.Id, Ct));
        Assert.NotNull(await Store.Messages.GetAsync(TenantA, message.Id, Ct));
    }

    [Fact]
    public async Task GetAsync_UnknownId_ReturnsNull() =>
        Assert.Null(await Store.Messages.GetAsync(TenantA, MessageFactory.NewMessageId(), Ct));

    [Fact]
    public async Task PublishAsync_SameDedupKeyWithinWindow_ReturnsOriginalIdAndStoresNothing()
    {
        var first = MessageFactory.Deduplicated(TenantA, T0, "key-1", T0.AddMinutes(10));
        var second = MessageFactory.Deduplicated(TenantA, T0.AddMinutes(5), "key-1", T0.AddMinutes(15));
        await PublishAsync(first);

        var outcomes = await Store.Messages.PublishAsync([second], Ct);

        Assert.Equal([new PublishOutcome(first.Id, true)], outcomes);
        Assert.Null(await Store.Messages.GetAsync(TenantA, second.Id, Ct));
        Assert.Empty(await AllEventsAsync(TenantA, new QueryFilter { MessageIds = [second.Id] }));
        var claim = await Store.Messages.ClaimDueAsync(T0.AddMinutes(6), 10, Margin, Ct);
        Assert.Equal([first.Id], claim.Messages.Select(m => m.Message.Id));
    }

    [Fact]
    public async Task PublishAsync_SameDedupKeyAfterExpiry_StoresNewMessage()
    {
        var first = MessageFactory.Deduplicated(TenantA, T0, "key-1", T0.AddMinutes(10));
        var second = MessageFactory.Deduplicated(TenantA, T0.AddMinutes(11), "key-1", T0.AddMinutes(21));
        var third = MessageFactory.Deduplicated(TenantA, T0.AddMinutes(12), "key-1", T0.AddMinutes(22));
        await PublishAsync(first);

        var outcomes = await Store.Messages.PublishAsync([second], Ct);
        var thirdOutcomes = await Store.Messages.PublishAsync([third], Ct);

        Assert.Equal([new PublishOutcome(second.Id, false)], outcomes);
        Assert.NotNull(await Store.Messages.GetAsync(TenantA, first.Id, Ct));
        Assert.NotNull(await Store.Messages.GetAsync(TenantA, second.Id, Ct));
        // The new message holds the key now.
        Assert.Equal([new PublishOutcome(second.Id, true)], thirdOutcomes);
    }

    [Fact]
    public async Task PublishAsync_SameDedupKeyTwiceInOneCall_DeduplicatesSecond()
    {
        var first = MessageFactory.Deduplicated(TenantA, T0, "key-1", T0.AddMinutes(10));
        var other = MessageFactory.Message(TenantA, T0);
        var second = MessageFactory.Deduplicated(TenantA, T0, "key-1", T0.AddMinutes(10));

        var outcomes = await Store.Messages.PublishAsync([first, other, second], Ct);

        Assert.Equal([new PublishOutcome(first.Id, false), new PublishOutcome(other.Id, false), new PublishOutcome(first.Id, true)], outcomes);
        Assert.Null(await Store.Messages.GetAsync(TenantA, second.Id, Ct));
        Assert.NotNull(await Store.Messages.GetAsync(TenantA, other.Id, Ct));
    }

    [Fact]
    public async Task PublishAsync_SameDedupKeyOtherTenant_StoresBoth()
    {
        var first = MessageFactory.Deduplicated(TenantA, T0, "shared-key", T0.AddMinutes(10));
        var second = MessageFactory.Deduplicated(TenantB, T0, "shared-key", T0.AddMinutes(10));

        var outcomes = await Store.Messages.PublishAsync([first, second], Ct);

        Assert.Equal([new PublishOutcome(first.Id, false), new PublishOutcome(second.Id, false)], outcomes);
        Assert.NotNull(await Store.Messages.GetAsync(TenantB, second.Id, Ct));
    }

    [Fact]
    public async Task PublishAsync_DifferentDedupKeys_StoresBoth()
    {
        var first = MessageFactory.Deduplicated(TenantA, T0, "key-1", T0.AddMinutes(10));
        var second = MessageFactory.Deduplicated(TenantA, T0, "key-2", T0.AddMinutes(10));

        var outcomes = await Store.Messages.PublishAsync([first, second], Ct);

        Assert.Equal([new PublishOutcome(first.Id, false), new PublishOutcome(second.Id, false)], outcomes);
    }

    [Fact]
    public async Task PublishAsync_SameDedupKeyConcurrently_StoresExactlyOne()
    {
        var messages = Enumerable.Range(0, 50)
            .Select(i => MessageFactory.Deduplicated(TenantA, T0.AddMilliseconds(i), "concurrent-key", T0.AddMinutes(10)))
            .ToArray();

        var outcomes = (await Task.WhenAll(messages.Select(m => Task.Run(() => Store.Messages.PublishAsync([m], Ct), Ct))))
            .Select(o => Assert.Single(o))
            .ToArray();

        var stored = Assert.Single(outcomes, o => !o.Deduplicated);
        Assert.All(outcomes, o => Assert.Equal(stored.MessageId, o.MessageId));
        var existing = 0;
        foreach (var message in messages)
        {
            existing += await Store.Messages.GetAsync(TenantA, message.Id, Ct) is null ? 0 : 1;
        }

        Assert.Equal(1, existing);
    }
}
