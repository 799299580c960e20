namespace Herald.Contracts.Headers;

/// <summary>Header names of the QStash v2 protocol, in their canonical spelling.</summary>
public static class UpstashHeaders
{
    /// <summary>Prefix shared by every QStash configuration header.</summary>
    public const string Prefix = "Upstash-";

    /// <summary>HTTP method used towards the destination.</summary>
    public const string Method = "Upstash-Method";

    /// <summary>Relative delay before the first attempt.</summary>
    public const string Delay = "Upstash-Delay";

    /// <summary>Absolute earliest delivery time, Unix seconds.</summary>
    public const string NotBefore = "Upstash-Not-Before";

    /// <summary>Retries after the first attempt.</summary>
    public const string Retries = "Upstash-Retries";

    /// <summary>Retry delay expression in milliseconds.</summary>
    public const string RetryDelay = "Upstash-Retry-Delay";

    /// <summary>Per-attempt HTTP timeout.</summary>
    public const string Timeout = "Upstash-Timeout";

    /// <summary>Callback URL called after every attempt.</summary>
    public const string Callback = "Upstash-Callback";

    /// <summary>Callback URL called after the final failure.</summary>
    public const string FailureCallback = "Upstash-Failure-Callback";

    /// <summary>Prefix of headers forwarded to the destination with the prefix removed.</summary>
    public const string ForwardPrefix = "Upstash-Forward-";

    /// <summary>Forward every incoming request header.</summary>
    public const string HeaderForward = "Upstash-Header-Forward";

    /// <summary>Explicit deduplication id.</summary>
    public const string DeduplicationId = "Upstash-Deduplication-Id";

    /// <summary>Derive the deduplication id from the content.</summary>
    public const string ContentBasedDeduplication = "Upstash-Content-Based-Deduplication";

    /// <summary>Flow-control key.</summary>
    public const string FlowControlKey = "Upstash-Flow-Control-Key";

    /// <summary>Flow-control limits for the key.</summary>
    public const string FlowControlValue = "Upstash-Flow-Control-Value";

    /// <summary>Comma-separated labels.</summary>
    public const string Label = "Upstash-Label";

    /// <summary>Fields to redact in logs and API responses.</summary>
    public const string RedactFields = "Upstash-Redact-Fields";

    /// <summary>Queue a schedule publishes into.</summary>
    public const string QueueName = "Upstash-Queue-Name";

    /// <summary>Cron expression of a schedule.</summary>
    public const string Cron = "Upstash-Cron";

    /// <summary>Schedule id (on create: custom id; on delivery: the producing schedule).</summary>
    public const string ScheduleId = "Upstash-Schedule-Id";

    /// <summary>Prefix of the SDK telemetry headers, which are never stored nor forwarded.</summary>
    public const string TelemetryPrefix = "Upstash-Telemetry-";

    /// <summary>The JWT signature on delivered requests.</summary>
    public const string Signature = "Upstash-Signature";

    /// <summary>The message id on delivered requests.</summary>
    public const string MessageId = "Upstash-Message-Id";

    /// <summary>Attempts made before this one, on delivered requests.</summary>
    public const string Retried = "Upstash-Retried";

    /// <summary>URL group name on delivered requests.</summary>
    public const string TopicName = "Upstash-Topic-Name";

    /// <summary>Publisher IP on delivered requests.</summary>
    public const string CallerIp = "Upstash-Caller-Ip";

    /// <summary>Set to <c>true</c> together with status 489 to skip the remaining retries.</summary>
    public const string NonRetryableError = "Upstash-NonRetryable-Error";

    /// <summary>User agent of delivered requests.</summary>
    public const string UserAgentValue = "Upstash-QStash";
}
