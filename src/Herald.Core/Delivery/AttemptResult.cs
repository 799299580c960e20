namespace Herald.Core.Delivery;

/// <summary>What one HTTP attempt produced.</summary>
public sealed record AttemptResult
{
    public required bool Success { get; init; }

    /// <summary>The response status, when a response arrived.</summary>
    public int? Status { get; init; }

    public IReadOnlyDictionary<string, string[]>? ResponseHeaders { get; init; }

    /// <summary>The response body, capped at the configured size.</summary>
    public byte[]? ResponseBody { get; init; }

    public FailureCategory? Category { get; init; }

    /// <summary>A human explanation of the failure.</summary>
    public string? Error { get; init; }

    public required TimeSpan Latency { get; init; }

    /// <summary>The destination asked not to be retried (status 489 with <c>Upstash-NonRetryable-Error: true</c>).</summary>
    public bool NonRetryable { get; init; }

    /// <summary>A delay the destination asked for with <c>Retry-After</c> or an <c>X-RateLimit-Reset*</c> header.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
