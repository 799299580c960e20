using Herald.Core.Messages;

namespace Herald.Core.Storage;

/// <summary>The dead letter queue: messages whose last attempt failed.</summary>
public interface IDlqStore
{
    Task<Page<DlqEntry>> ListAsync(string tenantId, QueryFilter filter, PageRequest page, CancellationToken cancellationToken);

    Task<DlqEntry?> GetAsync(string tenantId, string dlqId, CancellationToken cancellationToken);

    /// <summary>Deletes matching entries, oldest first, at most <c>page.Count</c>, starting after the cursor.</summary>
    Task<BulkResult<string>> DeleteAsync(string tenantId, QueryFilter filter, PageRequest page, CancellationToken cancellationToken);

    /// <summary>
    /// For each matching entry (oldest first, at most <c>page.Count</c>, after the cursor), builds a new message
    /// with <paramref name="rebuild"/>, stores it and removes the entry, all in one durable transaction. Returns the
    /// new message ids.
    /// </summary>
    Task<BulkResult<string>> RetryAsync(string tenantId, QueryFilter filter, PageRequest page, Func<DlqEntry, NewMessage> rebuild, CancellationToken cancellationToken);
}
