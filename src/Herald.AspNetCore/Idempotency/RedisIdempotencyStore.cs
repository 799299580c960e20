using System.Security.Cryptography;
using StackExchange.Redis;

namespace Herald.AspNetCore.Idempotency;

/// <summary>
/// An <see cref="IIdempotencyStore"/> in Redis, for apps that run on several instances. A claim is
/// <c>SET key "claimed:&lt;token&gt;" NX PX &lt;claim timeout&gt;</c>; completing replaces it with <c>"done"</c> and the TTL;
/// releasing deletes it. Both check the token in one Lua script, so only the holder of a claim can complete or free
/// it. Every key is a single Redis key (cluster-safe). Thread-safe.
/// </summary>
public sealed class RedisIdempotencyStore : IIdempotencyStore, IDisposable
{
    private const string ClaimPrefix = "claimed:";
    private const string CompletedValue = "done";

    // KEYS[1] = key, ARGV[1] = the caller's claim value, ARGV[2] = the completed value, ARGV[3] = TTL in milliseconds.
    // Marks the key completed if the caller still holds it or nobody does (the claim expired while the handler ran).
    private const string CompleteScript = """
        local current = redis.call('GET', KEYS[1])
        if current == ARGV[1] or not current then
          redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
          return 1
        end
        return 0
        """;

    // KEYS[1] = key, ARGV[1] = the caller's claim value. Compare-and-delete: never frees a claim someone else took over.
    private const string ReleaseScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then
          return redis.call('DEL', KEYS[1])
        end
        return 0
        """;

    private readonly IConnectionMultiplexer _connection;
    private readonly bool _ownsConnection;

    /// <summary>Creates a store on a connection the caller owns (and disposes).</summary>
    /// <param name="connection">The Redis connection.</param>
    public RedisIdempotencyStore(IConnectionMultiplexer connection)
        : this(connection, ownsConnection: false)
    {
    }

    internal RedisIdempotencyStore(IConnectionMultiplexer connection, bool ownsConnection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _connection = connection;
        _ownsConnection = ownsConnection;
    }

    /// <summary>The Redis database number the keys are written to.</summary>
    /// <value>Default: -1 (the connection's default database).</value>
    public int Database { get; init; } = -1;

    private IDatabase Db => _connection.GetDatabase(Database);

    /// <inheritdoc/>
    public async ValueTask<IdempotencyClaim> TryClaimAsync(string key, TimeSpan claimTimeout, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(claimTimeout, TimeSpan.Zero);

        // A key freed between the SET and the GET is tried again; twice is plenty (a GET never sees it freed twice in a row
        // unless claims are released as fast as they are made, and then "in progress" is a fair answer).
        for (var attempt = 0; attempt < 3; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var token = NewToken();
            if (await Db.StringSetAsync(key, ClaimPrefix + token, claimTimeout, When.NotExists).WaitAsync(cancellationToken).ConfigureAwait(false))
            {
                return IdempotencyClaim.Acquired(token);
            }

            var current = await Db.StringGetAsync(key).WaitAsync(cancellationToken).ConfigureAwait(false);
            if (current.IsNull)
            {
                continue;
            }

            return current == CompletedValue ? IdempotencyClaim.Completed : IdempotencyClaim.InProgress;
        }

        return IdempotencyClaim.InProgress;
    }

    /// <inheritdoc/>
    public async ValueTask<bool> CompleteAsync(string key, string token, TimeSpan ttl, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentException.ThrowIfNullOrEmpty(token);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ttl, TimeSpan.Zero);
        var result = await Db.ScriptEvaluateAsync(
            CompleteScript,
            [key],
            [ClaimPrefix + token, CompletedValue, (long)Math.Ceiling(ttl.TotalMilliseconds)]).WaitAsync(cancellationToken).ConfigureAwait(false);
        return (long)result == 1;
    }

    /// <inheritdoc/>
    public async ValueTask<bool> ReleaseAsync(string key, string token, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentException.ThrowIfNullOrEmpty(token);
        var result = await Db.ScriptEvaluateAsync(ReleaseScript, [key], [ClaimPrefix + token]).WaitAsync(cancellationToken).ConfigureAwait(false);
        return (long)result == 1;
    }

    /// <summary>Disposes the connection if this store created it (<c>UseRedis(connectionString)</c>).</summary>
    public void Dispose()
    {
        if (_ownsConnection)
        {
            _connection.Dispose();
        }
    }

    private static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
