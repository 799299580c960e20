using System.Collections.Concurrent;
using Herald.Core.Ids;
using Herald.Core.Storage;

namespace Herald.Core.Signing;

/// <summary>Reads, caches and rotates each tenant's signing keys.</summary>
public sealed class SigningKeyService(IHeraldStore store)
{
    private readonly ConcurrentDictionary<string, SigningKeyPair> _cache = new(StringComparer.Ordinal);

    /// <summary>A fresh key in QStash's format: <c>sig_</c> and 28 base58 characters.</summary>
    public static string NewKey() => "sig_" + Base58.Random(28);

    public static SigningKeyPair NewPair() => new(NewKey(), NewKey());

    public async ValueTask<SigningKeyPair> GetAsync(string tenantId, CancellationToken cancellationToken)
    {
        if (_cache.TryGetValue(tenantId, out var cached))
        {
            return cached;
        }

        var keys = await store.SigningKeys.GetAsync(tenantId, cancellationToken).ConfigureAwait(false)
            ?? await store.SigningKeys.EnsureAsync(tenantId, NewPair(), cancellationToken).ConfigureAwait(false);
        _cache[tenantId] = keys;
        return keys;
    }

    /// <summary>Stores the configured keys for a tenant that has none yet (first start).</summary>
    public async Task EnsureAsync(string tenantId, SigningKeyPair initial, CancellationToken cancellationToken)
    {
        _cache[tenantId] = await store.SigningKeys.EnsureAsync(tenantId, initial, cancellationToken).ConfigureAwait(false);
    }

    public async Task<SigningKeyPair> RotateAsync(string tenantId, CancellationToken cancellationToken)
    {
        var keys = await store.SigningKeys.RotateAsync(tenantId, NewKey(), cancellationToken).ConfigureAwait(false);
        _cache[tenantId] = keys;
        return keys;
    }
}
