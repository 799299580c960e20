namespace Herald.Core.Configuration;

/// <summary>Defaults and limits for what a publish may ask (configuration section <c>Messages</c>).</summary>
public sealed class MessageOptions
{
    public const string SectionName = "Messages";

    /// <summary>Retries when <c>Upstash-Retries</c> is absent. <value>3</value></summary>
    public int DefaultRetries { get; set; } = 3;

    /// <summary>The most retries a publish may ask for; more is refused with 400. <value>20</value></summary>
    public int MaxRetries { get; set; } = 20;

    /// <summary>Per-attempt HTTP timeout when <c>Upstash-Timeout</c> is absent. <value>30 seconds</value></summary>
    public TimeSpan DefaultTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest <c>Upstash-Timeout</c> a publish may ask for. <value>2 hours</value></summary>
    public TimeSpan MaxTimeout { get; set; } = TimeSpan.FromHours(2);

    /// <summary>The largest message body; larger publishes are refused with 413. <value>1 MiB</value></summary>
    public ByteSize MaxBodySize { get; set; } = ByteSize.FromMebibytes(1);

    /// <summary>The longest delay (or furthest not-before) a publish may ask for. <value>365 days</value></summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromDays(365);

    /// <summary>How long a deduplication id (explicit or content-based) is remembered. <value>10 minutes</value></summary>
    public TimeSpan DeduplicationWindow { get; set; } = TimeSpan.FromMinutes(10);
}
