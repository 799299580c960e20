namespace Herald.AspNetCore.Idempotency;

/// <summary>
/// Remembers which message ids were processed, for <c>WithIdempotency()</c>. A key goes through three states: free,
/// claimed (a delivery is running; held by a token, for at most the claim timeout) and completed (for the TTL). Claiming
/// must be atomic: of concurrent callers exactly one acquires a free key. Completing and releasing act only for the
/// holder of the token, so a claim that timed out and was taken over is never undone by its first owner. Implementations
/// are thread-safe. Built in: <see cref="MemoryIdempotencyStore"/> (one process) and <see cref="RedisIdempotencyStore"/>.
/// </summary>
public interface IIdempotencyStore
{
    /// <summary>Claims <paramref name="key"/> if it is free (or its claim or completion expired).</summary>
    /// <param name="key">The key (prefix and message id).</param>
    /// <param name="claimTimeout">How long the claim holds if it is neither completed nor released.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Acquired with a token, or why not.</returns>
    ValueTask<IdempotencyClaim> TryClaimAsync(string key, TimeSpan claimTimeout, CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks <paramref name="key"/> processed for <paramref name="ttl"/>, if <paramref name="token"/> still holds it or
    /// nobody does (the claim expired while the handler ran); a key claimed by someone else is left alone.
    /// </summary>
    /// <param name="key">The key.</param>
    /// <param name="token">The token of the caller's claim.</param>
    /// <param name="ttl">How long the completed mark lives.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether the key was marked.</returns>
    ValueTask<bool> CompleteAsync(string key, string token, TimeSpan ttl, CancellationToken cancellationToken = default);

    /// <summary>Frees <paramref name="key"/> if <paramref name="token"/> still holds it (compare-and-delete).</summary>
    /// <param name="key">The key.</param>
    /// <param name="token">The token of the caller's claim.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether the key was freed.</returns>
    ValueTask<bool> ReleaseAsync(string key, string token, CancellationToken cancellationToken = default);
}
