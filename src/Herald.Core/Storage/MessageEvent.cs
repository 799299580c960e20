using Herald.Core.Messages;

namespace Herald.Core.Storage;

/// <summary>One entry of the event log.</summary>
public sealed record MessageEvent
{
    public required long Id { get; init; }

    public required DateTimeOffset Time { get; init; }

    public required string MessageId { get; init; }

    public required MessageState State { get; init; }

    public required string Url { get; init; }

    public string? TopicName { get; init; }

    public string? EndpointName { get; init; }

    public string? QueueName { get; init; }

    public string? ScheduleId { get; init; }

    public int Retried { get; init; }

    public DateTimeOffset? NextDeliveryTime { get; init; }

    public string? Error { get; init; }

    public string? ErrorCategory { get; init; }

    public int? ResponseStatus { get; init; }

    public IReadOnlyDictionary<string, string[]>? ResponseHeaders { get; init; }

    public byte[]? ResponseBody { get; init; }

    public TimeSpan? Latency { get; init; }

    /// <summary>The message's spec, while the message or its DLQ entry is retained.</summary>
    public MessageSpec? Spec { get; init; }
}
