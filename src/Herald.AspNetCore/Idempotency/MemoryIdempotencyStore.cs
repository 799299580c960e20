using System.Security.Cryptography;

namespace Herald.AspNetCore.Idempotency;

/// <summary>
/// An <see cref="IIdempotencyStore"/> in this process's memory: for a single instance of the app (use
/// <see cref="RedisIdempotencyStore"/> when several share the work). Entries expire by the injected
/// <see cref="TimeProvider"/>; expired ones are swept out at most once a minute as the store is used, so it holds about
/// as many entries as messages arrive within the TTL, never more. Thread-safe.
/// </summary>
public sealed class MemoryIdempotencyStore : IIdempotencyStore
{
    /// <summary>How often (by the store's clock) expired entries are swept out.</summary>
    internal static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly TimeProvider _timeProvider;
    private DateTimeOffset _nextSweep;

    /// <summary>Creates a store on the system clock.</summary>
    public MemoryIdempotencyStore()
        : this(TimeProvider.System)
    {
    }

    /// <summary>Creates a store.</summary>
    /// <param name="timeProvider">The clock that expires claims and completed marks.</param>
    public MemoryIdempotencyStore(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
        _nextSweep = timeProvider.GetUtcNow() + SweepInterval;
    }

    /// <summary>The entries held, expired ones not yet swept out included.</summary>
    internal int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <inheritdoc/>
    public ValueTask<IdempotencyClaim> TryClaimAsync(string key, TimeSpan claimTimeout, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(claimTimeout, TimeSpan.Zero);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            var now = _timeProvider.GetUtcNow();
            SweepIfDue(now);
            if (_entries.TryGetValue(key, out var entry) && entry.ExpiresAt > now)
            {
                return ValueTask.FromResult(entry.Token is null ? IdempotencyClaim.Completed : IdempotencyClaim.InProgress);
            }

            var token = NewToken();
            _entries[key] = new Entry(token, now + claimTimeout);
            return ValueTask.FromResult(IdempotencyClaim.Acquired(token));
        }
    }

    /// <inheritdoc/>
    public ValueTask<bool> CompleteAsync(string key, string token, TimeSpan ttl, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentException.ThrowIfNullOrEmpty(token);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ttl, TimeSpan.Zero);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            var now = _timeProvider.GetUtcNow();
            var free = !_entries.TryGetValue(key, out var entry) || entry.ExpiresAt <= now;
            if (!free && !string.Equals(entry.Token, token, StringComparison.Ordinal))
            {
                return ValueTask.FromResult(false);
            }

            _entries[key] = new Entry(null, now + ttl);
            return ValueTask.FromResult(true);
        }
    }

    /// <inheritdoc/>
    public ValueTask<bool> ReleaseAsync(string key, string token, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentException.ThrowIfNullOrEmpty(token);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            var owned = _entries.TryGetValue(key, out var entry) && string.Equals(entry.Token, token, StringComparison.Ordinal);
            return ValueTask.FromResult(owned && _entries.Remove(key));
        }
    }

    private static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private void SweepIfDue(DateTimeOffset now)
    {
        if (now < _nextSweep)
        {
            return;
        }

        _nextSweep = now + SweepInterval;
        foreach (var (key, entry) in _entries)
        {
            if (entry.ExpiresAt <= now)
            {
                _entries.Remove(key);
            }
        }
    }

    /// <summary>A claim (with its token) or a completed mark (no token), and when it stops counting.</summary>
    private readonly record struct Entry(string? Token, DateTimeOffset ExpiresAt);
}
