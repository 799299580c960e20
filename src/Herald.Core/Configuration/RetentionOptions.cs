namespace Herald.Core.Configuration;

/// <summary>How long finished work stays readable (configuration section <c>Retention</c>).</summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Retention";

    /// <summary>Delivered messages stay readable through <c>GET /v2/messages/{id}</c> this long. <value>1 hour</value></summary>
    public TimeSpan DeliveredMessages { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Log events are kept this long. <value>14 days</value></summary>
    public TimeSpan Events { get; set; } = TimeSpan.FromDays(14);

    /// <summary>DLQ entries are kept this long. <value>7 days</value></summary>
    public TimeSpan Dlq { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often the pruner runs. <value>1 minute</value></summary>
    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Rows deleted per table per pruning transaction, so writes are never blocked for long. <value>5000</value></summary>
    public int PruneBatchSize { get; set; } = 5000;
}
