using Herald.Client.Publishing;

namespace Herald.Client.Schedules;

/// <summary>
/// A cron schedule: every tick publishes a message to <see cref="Destination"/> with these settings. Not-before and
/// deduplication do not apply to schedules (each tick makes new messages at its own time).
/// </summary>
public sealed record ScheduleRequest : IMessageSettings
{
    /// <summary>An <c>http(s)</c> URL, sent as is, or the name of a URL group (resolved at every tick).</summary>
    public required string Destination { get; init; }

    /// <summary>
    /// Five cron fields in UTC (<c>*/10 * * * *</c>), optionally with a zone (<c>CRON_TZ=Europe/Berlin 0 9 * * MON-FRI</c>)
    /// (<c>Upstash-Cron</c>).
    /// </summary>
    public required string Cron { get; init; }

    /// <summary>A custom id (letters, digits, <c>-</c>, <c>_</c>, <c>.</c>); an existing schedule with it is replaced (<c>Upstash-Schedule-Id</c>).</summary>
    public string? ScheduleId { get; init; }

    /// <summary>A queue every tick enqueues into (<c>Upstash-Queue-Name</c>).</summary>
    public string? Queue { get; init; }

    /// <summary>The body of every message. Default: none.</summary>
    public ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>The body's content type (<c>Content-Type</c>).</summary>
    public string? ContentType { get; init; }

    /// <summary>The HTTP method used towards the destination (<c>Upstash-Method</c>).</summary>
    public HttpMethod? Method { get; init; }

    /// <summary>How long each message waits after its tick (<c>Upstash-Delay</c>).</summary>
    public TimeSpan? Delay { get; init; }

    /// <summary>Retries of each message after its first attempt (<c>Upstash-Retries</c>).</summary>
    public int? Retries { get; init; }

    /// <summary>A retry delay expression in milliseconds (<c>Upstash-Retry-Delay</c>).</summary>
    public string? RetryDelay { get; init; }

    /// <summary>The per-attempt timeout (<c>Upstash-Timeout</c>).</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>A URL called after every attempt (<c>Upstash-Callback</c>).</summary>
    public string? Callback { get; init; }

    /// <summary>How the callback messages are delivered (<c>Upstash-Callback-*</c>).</summary>
    public CallbackOptions? CallbackOptions { get; init; }

    /// <summary>A URL called after a message's final failure (<c>Upstash-Failure-Callback</c>).</summary>
    public string? FailureCallback { get; init; }

    /// <summary>How the failure callback messages are delivered (<c>Upstash-Failure-Callback-*</c>).</summary>
    public CallbackOptions? FailureCallbackOptions { get; init; }

    /// <summary>Headers sent to the destination (each as <c>Upstash-Forward-&lt;Name&gt;</c>).</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary>Flow-control limits of the messages (<c>Upstash-Flow-Control-Key</c> / <c>-Value</c>).</summary>
    public FlowControlOptions? FlowControl { get; init; }

    /// <summary>Labels of the messages (<c>Upstash-Label</c>).</summary>
    public IReadOnlyList<string>? Labels { get; init; }

    /// <summary>What to hide in logs and API answers (<c>Upstash-Redact-Fields</c>).</summary>
    public RedactOptions? Redact { get; init; }
}
