namespace Herald.Client;

/// <summary>
/// The rate-limit values of a <c>429 Too Many Requests</c> answer. QStash sends the daily quota as
/// <c>RateLimit-Limit</c>/<c>-Remaining</c>/<c>-Reset</c> and the per-second burst limit of management endpoints as
/// <c>Burst-RateLimit-Limit</c>/<c>-Remaining</c>/<c>-Reset</c>; each value is <see langword="null"/> when its header
/// was absent or not a number.
/// </summary>
public sealed record HeraldRateLimit
{
    /// <summary>How long to wait before trying again, from <c>Retry-After</c> (seconds, or an HTTP date relative to the answer's <c>Date</c>).</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The daily limit (<c>RateLimit-Limit</c>).</summary>
    public long? Limit { get; init; }

    /// <summary>What is left of the daily limit (<c>RateLimit-Remaining</c>).</summary>
    public long? Remaining { get; init; }

    /// <summary>When the daily limit resets, as the server sent it (<c>RateLimit-Reset</c>, a Unix time).</summary>
    public long? Reset { get; init; }

    /// <summary>The burst limit (<c>Burst-RateLimit-Limit</c>).</summary>
    public long? BurstLimit { get; init; }

    /// <summary>What is left of the burst limit (<c>Burst-RateLimit-Remaining</c>).</summary>
    public long? BurstRemaining { get; init; }

    /// <summary>When the burst limit resets, as the server sent it (<c>Burst-RateLimit-Reset</c>, a Unix time).</summary>
    public long? BurstReset { get; init; }
}
