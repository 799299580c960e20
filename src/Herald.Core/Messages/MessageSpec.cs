namespace Herald.Core.Messages;

/// <summary>Everything a message is asked to do, fixed at publish time.</summary>
public sealed record MessageSpec
{
    public required string Url { get; init; }

    public string? TopicName { get; init; }

    public string? EndpointName { get; init; }

    public string? QueueName { get; init; }

    public string? ScheduleId { get; init; }

    public required string Method { get; init; }

    /// <summary>Headers sent to the destination, by canonical name, in publish order.</summary>
    public required IReadOnlyDictionary<string, string[]> Headers { get; init; }

    public required byte[] Body { get; init; }

    public required int MaxRetries { get; init; }

    /// <summary>The verbatim <c>Upstash-Retry-Delay</c> expression, already validated.</summary>
    public string? RetryDelayExpression { get; init; }

    public required TimeSpan Timeout { get; init; }

    public required DateTimeOffset NotBefore { get; init; }

    public string? CallerIp { get; init; }

    public IReadOnlyList<string> Labels { get; init; } = [];

    public FlowControl? FlowControl { get; init; }

    public string? Callback { get; init; }

    public string? FailureCallback { get; init; }

    public IReadOnlyDictionary<string, string[]>? CallbackHeaders { get; init; }

    public IReadOnlyDictionary<string, string[]>? FailureCallbackHeaders { get; init; }

    public RedactFields? Redact { get; init; }

    /// <summary>For a callback of a queued message: the queue whose slot it holds until it finishes.</summary>
    public string? HoldsQueue { get; init; }

    /// <summary>W3C trace context of the publish request, carried to every delivery.</summary>
    public string? TraceParent { get; init; }

    /// <summary>Whether a queue or flow-control key decides when it may start (or it holds a queue's slot).</summary>
    public bool IsGated => QueueName is not null || FlowControl is not null || HoldsQueue is not null;
}
