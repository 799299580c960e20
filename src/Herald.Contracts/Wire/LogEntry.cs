using System.Text.Json.Serialization;

namespace Herald.Contracts.Wire;

/// <summary>One state change of a message, as returned by <c>GET /v2/events</c> and <c>GET /v2/logs</c>.</summary>
public sealed record LogEntry
{
    /// <summary>When the change happened, Unix milliseconds.</summary>
    public required long Time { get; init; }

    /// <summary>The message id.</summary>
    public required string MessageId { get; init; }

    /// <summary>The new state: CREATED, ACTIVE, RETRY, ERROR, DELIVERED, FAILED, CANCEL_REQUESTED, CANCELED.</summary>
    public required string State { get; init; }

    /// <summary>The destination URL.</summary>
    public required string Url { get; init; }

    /// <summary>Why the attempt failed (ERROR, FAILED).</summary>
    public string? Error { get; init; }

    /// <summary>The failure class: http_status, timeout, connection_refused, connection_reset, dns, tls, blocked_address, ...</summary>
    public string? ErrorCategory { get; init; }

    /// <summary>When the next attempt is due, Unix milliseconds.</summary>
    public long? NextDeliveryTime { get; init; }

    /// <summary>Attempts made before the one this entry describes.</summary>
    public int? Retried { get; init; }

    /// <summary>URL group name.</summary>
    public string? TopicName { get; init; }

    /// <summary>URL-group endpoint name.</summary>
    public string? EndpointName { get; init; }

    /// <summary>Queue name.</summary>
    public string? QueueName { get; init; }

    /// <summary>Schedule id.</summary>
    public string? ScheduleId { get; init; }

    /// <summary>The message headers.</summary>
    public Dictionary<string, string[]>? Header { get; init; }

    /// <summary>The message body, base64.</summary>
    public string? Body { get; init; }

    /// <summary>The destination's response status (ERROR, DELIVERED, FAILED).</summary>
    public int? ResponseStatus { get; init; }

    /// <summary>The destination's response body, base64.</summary>
    public string? ResponseBody { get; init; }

    /// <summary>The destination's response headers.</summary>
    public Dictionary<string, string[]>? ResponseHeaders { get; init; }

    /// <summary>The destination's response headers (spelling read by the Python SDK).</summary>
    public Dictionary<string, string[]>? ResponseHeader { get; init; }

    /// <summary>How long the attempt took, milliseconds.</summary>
    public long? Latency { get; init; }

    /// <summary>Per-attempt timeout, milliseconds.</summary>
    public long? Timeout { get; init; }

    /// <summary>HTTP method towards the destination.</summary>
    public string? Method { get; init; }

    /// <summary>Callback URL.</summary>
    public string? Callback { get; init; }

    /// <summary>Callback headers.</summary>
    public Dictionary<string, string[]>? CallbackHeaders { get; init; }

    /// <summary>Failure callback URL.</summary>
    public string? FailureCallback { get; init; }

    /// <summary>Failure callback headers.</summary>
    public Dictionary<string, string[]>? FailureCallbackHeaders { get; init; }

    /// <summary>Retries after the first attempt.</summary>
    public int? MaxRetries { get; init; }

    /// <summary>Custom retry delay expression.</summary>
    public string? RetryDelayExpression { get; init; }

    /// <summary>Custom retry delay expression (spelling read by the Python SDK).</summary>
    public string? RetryDelayExpr { get; init; }

    /// <summary>The first label.</summary>
    public string? Label { get; init; }

    /// <summary>All labels.</summary>
    public string[]? Labels { get; init; }

    /// <summary>Flow-control key.</summary>
    public string? FlowControlKey { get; init; }

    /// <summary>Flow-control parallelism.</summary>
    public int? Parallelism { get; init; }

    /// <summary>Flow-control rate.</summary>
    public int? Rate { get; init; }

    /// <summary>Flow-control period, seconds.</summary>
    public long? Period { get; init; }

    /// <summary>Publisher IP (Python spelling).</summary>
    [JsonPropertyName("callerIP")]
    public string? CallerIpUpper { get; init; }

    /// <summary>Publisher IP (TypeScript spelling).</summary>
    public string? CallerIp { get; init; }
}
