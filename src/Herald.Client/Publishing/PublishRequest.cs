namespace Herald.Client.Publishing;

/// <summary>
/// A message to publish: where it goes, its body, and how it is delivered. Every property but
/// <see cref="Destination"/> is optional; what is left unset takes the server's default.
/// </summary>
/// <example>
/// <code>
/// var result = await client.PublishAsync(new PublishRequest
/// {
///     Destination = "https://api.example.com/hooks/orders",
///     Body = "{\"order\":1042}"u8.ToArray(),
///     ContentType = "application/json",
///     Retries = 5,
///     Delay = TimeSpan.FromSeconds(10),
/// });
/// </code>
/// </example>
public sealed record PublishRequest : IMessageSettings
{
    /// <summary>
    /// An <c>http(s)</c> URL, sent as is (its query string included), or the name of a URL group (one message per
    /// endpoint).
    /// </summary>
    public required string Destination { get; init; }

    /// <summary>A queue to enqueue into (<c>/v2/enqueue/{queue}/...</c>; created on first use). Not set: a plain publish.</summary>
    public string? Queue { get; init; }

    /// <summary>The raw body delivered to the destination. Default: empty.</summary>
    public ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>The body's content type, stored and sent to the destination (<c>Content-Type</c>).</summary>
    public string? ContentType { get; init; }

    /// <summary>The HTTP method used towards the destination (<c>Upstash-Method</c>). Default on the server: POST.</summary>
    public HttpMethod? Method { get; init; }

    /// <summary>How long to wait before the first attempt (<c>Upstash-Delay</c>).</summary>
    public TimeSpan? Delay { get; init; }

    /// <summary>The earliest time of the first attempt, whole seconds (<c>Upstash-Not-Before</c>); wins over <see cref="Delay"/>.</summary>
    public DateTimeOffset? NotBefore { get; init; }

    /// <summary>Retries after the first attempt (<c>Upstash-Retries</c>). Default on the server: 3.</summary>
    public int? Retries { get; init; }

    /// <summary>
    /// A retry delay expression in milliseconds, with the variable <c>retried</c> (<c>Upstash-Retry-Delay</c>),
    /// e.g. <c>pow(2, retried) * 1000</c>.
    /// </summary>
    public string? RetryDelay { get; init; }

    /// <summary>The per-attempt timeout (<c>Upstash-Timeout</c>). Default on the server: 30 seconds.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>A URL called after every attempt with the outcome (<c>Upstash-Callback</c>).</summary>
    public string? Callback { get; init; }

    /// <summary>How the callback messages are delivered (<c>Upstash-Callback-*</c>).</summary>
    public CallbackOptions? CallbackOptions { get; init; }

    /// <summary>A URL called once after the final failure (<c>Upstash-Failure-Callback</c>).</summary>
    public string? FailureCallback { get; init; }

    /// <summary>How the failure callback message is delivered (<c>Upstash-Failure-Callback-*</c>).</summary>
    public CallbackOptions? FailureCallbackOptions { get; init; }

    /// <summary>Headers sent to the destination with every attempt (each as <c>Upstash-Forward-&lt;Name&gt;</c>).</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary>A deduplication id: a repeat within the server's window answers the original message (<c>Upstash-Deduplication-Id</c>).</summary>
    public string? DeduplicationId { get; init; }

    /// <summary>Deduplicate on the destination, the forwarded headers and the body (<c>Upstash-Content-Based-Deduplication</c>).</summary>
    public bool ContentBasedDeduplication { get; init; }

    /// <summary>Limits shared by every message with the same key (<c>Upstash-Flow-Control-Key</c> / <c>-Value</c>).</summary>
    public FlowControlOptions? FlowControl { get; init; }

    /// <summary>Labels to filter by in logs, the DLQ and cancel (<c>Upstash-Label</c>).</summary>
    public IReadOnlyList<string>? Labels { get; init; }

    /// <summary>What to hide in logs and API answers; deliveries keep the real values (<c>Upstash-Redact-Fields</c>).</summary>
    public RedactOptions? Redact { get; init; }
}
