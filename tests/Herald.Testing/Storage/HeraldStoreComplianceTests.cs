using Herald.Core.Messages;
using Herald.Core.Storage;

namespace Herald.Testing.Storage;

/// <summary>
/// The behaviour every <see cref="IHeraldStore"/> must show, written only against the Core contracts so each store
/// (SQLite, PostgreSQL) runs the same facts. A derived class supplies a fresh, initialized, empty store per test.
/// Time is never read from a clock: every instant is passed in, relative to <see cref="T0"/>.
/// </summary>
public abstract partial class HeraldStoreComplianceTests : IAsyncLifetime
{
    protected const string TenantA = "tenant-a";
    protected const string TenantB = "tenant-b";

    /// <summary>The lease margin passed to every claim.</summary>
    protected static readonly TimeSpan Margin = TimeSpan.FromSeconds(10);

    protected static readonly DateTimeOffset T0 = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private IHeraldStore? _store;

    /// <summary>The store under test, created before each test and disposed after it.</summary>
    protected IHeraldStore Store => _store ?? throw new InvalidOperationException("the store is created in InitializeAsync");

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A fresh, initialized, empty store.</summary>
    protected abstract Task<IHeraldStore> CreateStoreAsync();

    public virtual async ValueTask InitializeAsync() => _store = await CreateStoreAsync();

    public virtual async ValueTask DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
            _store = null;
        }
    }

    /// <summary>Stores each message and checks none was deduplicated.</summary>
    protected async Task PublishAsync(params NewMessage[] messages)
    {
        var outcomes = await Store.Messages.PublishAsync(messages, Ct);
        Assert.Equal(messages.Select(m => new PublishOutcome(m.Id, false)), outcomes);
    }

    /// <summary>Stores one message created (and due) at <paramref name="at"/>.</summary>
    protected async Task<NewMessage> PublishAsync(string tenantId, DateTimeOffset at, MessageSpec? spec = null)
    {
        var message = MessageFactory.Message(tenantId, at, spec);
        await PublishAsync(message);
        return message;
    }

    /// <summary>Claims at <paramref name="now"/> and checks exactly the given message came back.</summary>
    protected async Task<ClaimedMessage> ClaimOneAsync(string messageId, DateTimeOffset now)
    {
        var claim = await Store.Messages.ClaimDueAsync(now, 100, Margin, Ct);
        var claimed = Assert.Single(claim.Messages);
        Assert.Equal(messageId, claimed.Message.Id);
        return claimed;
    }

    /// <summary>Publishes a message at <paramref name="at"/> and claims it at once.</summary>
    protected async Task<ClaimedMessage> PublishAndClaimAsync(string tenantId, DateTimeOffset at, MessageSpec? spec = null)
    {
        var message = await PublishAsync(tenantId, at, spec);
        return await ClaimOneAsync(message.Id, at);
    }

    /// <summary>Publishes, claims and fails a message so it lands in the DLQ.</summary>
    protected async Task<(NewMessage Message, string DlqId)> DeadLetterAsync(string tenantId, DateTimeOffset at, MessageSpec? spec = null, int status = 500)
    {
        var message = await PublishAsync(tenantId, at, spec);
        var claimed = await ClaimOneAsync(message.Id, at);
        var dlqId = MessageFactory.NewDlqId();
        var statuses = await Store.Messages.CompleteAsync([Completions.Failed(claimed, at, dlqId, Completions.HttpFailure(status))], Ct);
        Assert.Equal([CompletionStatus.Applied], statuses);
        return (message, dlqId);
    }

    /// <summary>Every event of the tenant matching <paramref name="filter"/>, oldest first, read page by page.</summary>
    protected async Task<List<MessageEvent>> AllEventsAsync(string tenantId, QueryFilter? filter = null, bool descending = false, int pageSize = 1000)
    {
        var events = new List<MessageEvent>();
        long? cursor = null;
        for (var pages = 0; pages < 10_000; pages++)
        {
            var page = await Store.Events.ListAsync(tenantId, filter ?? QueryFilter.All, new PageRequest(cursor, pageSize, descending), Ct);
            events.AddRange(page.Items);
            if (page.NextCursor is null)
            {
                return events;
            }

            cursor = page.NextCursor;
        }

        throw new InvalidOperationException("event pagination did not end");
    }

    /// <summary>The states of one message's events, oldest first.</summary>
    protected async Task<MessageState[]> EventStatesAsync(string tenantId, string messageId) =>
        [.. (await AllEventsAsync(tenantId, new QueryFilter { MessageIds = [messageId] })).Select(e => e.State)];

    /// <summary>Every DLQ entry of the tenant matching <paramref name="filter"/>, read page by page.</summary>
    protected async Task<List<DlqEntry>> AllDlqAsync(string tenantId, QueryFilter? filter = null, bool descending = false, int pageSize = 1000)
    {
        var entries = new List<DlqEntry>();
        long? cursor = null;
        for (var pages = 0; pages < 10_000; pages++)
        {
            var page = await Store.Dlq.ListAsync(tenantId, filter ?? QueryFilter.All, new PageRequest(cursor, pageSize, descending), Ct);
            entries.AddRange(page.Items);
            if (page.NextCursor is null)
            {
                return entries;
            }

            cursor = page.NextCursor;
        }

        throw new InvalidOperationException("DLQ pagination did not end");
    }
}
