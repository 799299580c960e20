namespace Herald.Core.Configuration;

/// <summary>How the delivery engine claims and sends (configuration section <c>Delivery</c>).</summary>
public sealed class DeliveryOptions
{
    public const string SectionName = "Delivery";

    /// <summary>Whether this node delivers at all (an API-only node sets false). <value>true</value></summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The most attempts in flight on this node. <value>256</value></summary>
    public int MaxConcurrency { get; set; } = 256;

    /// <summary>The most messages claimed in one store round trip. <value>256</value></summary>
    public int ClaimBatchSize { get; set; } = 256;

    /// <summary>
    /// How much longer than the message's timeout a claim is held before another claim may take the message.
    /// <value>30 seconds</value>
    /// </summary>
    public TimeSpan LeaseMargin { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often expired leases are looked for. <value>5 seconds</value></summary>
    public TimeSpan LeaseRescueInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest the dispatcher sleeps without looking at the store. <value>5 seconds</value></summary>
    public TimeSpan MaxIdleInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>TCP/TLS connect timeout (inside the message's timeout). <value>10 seconds</value></summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The most of a response body kept for logs, the DLQ and callbacks. <value>64 KiB</value></summary>
    public ByteSize MaxResponseBodySize { get; set; } = ByteSize.FromKibibytes(64);

    /// <summary>How long in-flight attempts may finish after shutdown starts; the rest are released. <value>10 seconds</value></summary>
    public TimeSpan ShutdownGracePeriod { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Connections kept per destination host and port. <value>512</value></summary>
    public int MaxConnectionsPerServer { get; set; } = 512;
}
