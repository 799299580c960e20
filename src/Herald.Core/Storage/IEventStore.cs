namespace Herald.Core.Storage;

/// <summary>The event log: one entry per state change and attempt.</summary>
public interface IEventStore
{
    /// <summary>
    /// Lists the tenant's events matching <paramref name="filter"/>. Each event carries the message's spec while the
    /// message (or its DLQ entry) is still retained.
    /// </summary>
    Task<Page<MessageEvent>> ListAsync(string tenantId, QueryFilter filter, PageRequest page, CancellationToken cancellationToken);
}
