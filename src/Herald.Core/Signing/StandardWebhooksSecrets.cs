using System.Collections.Concurrent;
using Herald.Core.Messages;
using Herald.Core.Storage;
using Herald.Core.Tenants;

namespace Herald.Core.Signing;

/// <summary>
/// Which Standard Webhooks secrets a delivery is signed with: its URL group's, if the group has some, else its
/// tenant's, else none. Group secrets are cached briefly (and dropped at once when changed through the API).
/// </summary>
public sealed class StandardWebhooksSecrets(IHeraldStore store, TenantDirectory tenants, TimeProvider timeProvider)
{
    private static readonly TimeSpan CacheTime = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<(string Tenant, string Group), (IReadOnlyList<string>? Secrets, DateTimeOffset LoadedAt)> _groups = new();

    public async ValueTask<IReadOnlyList<string>?> ForAsync(Message message, CancellationToken cancellationToken)
    {
        if (message.Spec.TopicName is { } group)
        {
            var now = timeProvider.GetUtcNow();
            if (!_groups.TryGetValue((message.TenantId, group), out var cached) || now - cached.LoadedAt > CacheTime)
            {
                var loaded = await store.UrlGroups.GetAsync(message.TenantId, group, cancellationToken).ConfigureAwait(false);
                cached = (loaded?.StandardWebhooksSecrets, now);
                _groups[(message.TenantId, group)] = cached;
            }

            if (cached.Secrets is { Count: > 0 })
            {
                return cached.Secrets;
            }
        }

        return tenants.FindById(message.TenantId)?.StandardWebhooksSecrets is { Count: > 0 } secrets ? secrets : null;
    }

    public void Invalidate(string tenantId, string group) => _groups.TryRemove((tenantId, group), out _);
}
