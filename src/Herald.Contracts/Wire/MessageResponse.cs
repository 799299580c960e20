using System.Text.Json.Serialization;

namespace Herald.Contracts.Wire;

/// <summary>A stored message as returned by <c>GET /v2/messages/{id}</c>, and the base of a DLQ entry.</summary>
public sealed record MessageResponse
{
    /// <summary>The message id.</summary>
    public required string MessageId { get; init; }

    /// <summary>The destination URL (the endpoint URL for URL-group messages).</summary>
    public required string Url { get; init; }

    /// <summary>The URL group the message was published to.</summary>
    public string? TopicName { get; init; }

    /// <summary>The name of the URL-group endpoint.</summary>
    public string? EndpointName { get; init; }

    /// <summary>The HTTP method used towards the destination.</summary>
    public required string Method { get; init; }

    /// <summary>Headers sent to the destination, by canonical name.</summary>
    public Dictionary<string, string[]>? Header { get; init; }

    /// <summary>The body when it is valid UTF-8.</summary>
    public string? Body { get; init; }

    /// <summary>The body in base64 when it is not valid UTF-8.</summary>
    public string? BodyBase64 { get; init; }

    /// <summary>Retries after the first attempt.</summary>
    public required int MaxRetries { get; init; }

    /// <summary>The custom retry delay expression.</summary>
    public string? RetryDelayExpression { get; init; }

    /// <summary>Earliest delivery time, Unix milliseconds.</summary>
    public required long NotBefore { get; init; }

    /// <summary>Creation time, Unix milliseconds.</summary>
    public required long CreatedAt { get; init; }

    /// <summary>Callback URL.</summary>
    public string? Callback { get; init; }

    /// <summary>Failure callback URL.</summary>
    public string? FailureCallback { get; init; }

    /// <summary>Headers sent to the callback.</summary>
    public Dictionary<string, string[]>? CallbackHeader { get; init; }

    /// <summary>Headers sent to the failure callback.</summary>
    public Dictionary<string, string[]>? FailureCallbackHeader { get; init; }

    /// <summary>The queue the message was enqueued to.</summary>
    public string? QueueName { get; init; }

    /// <summary>The schedule that produced the message.</summary>
    public string? ScheduleId { get; init; }

    /// <summary>Publisher IP (spelling read by the Python SDK).</summary>
    [JsonPropertyName("callerIP")]
    public string? CallerIpUpper { get; init; }

    /// <summary>Publisher IP (spelling read by the TypeScript SDK).</summary>
    public string? CallerIp { get; init; }

    /// <summary>Flow-control key.</summary>
    public string? FlowControlKey { get; init; }

    /// <summary>Flow-control parallelism.</summary>
    public int? Parallelism { get; init; }

    /// <summary>Flow-control rate per period.</summary>
    public int? Rate { get; init; }

    /// <summary>Flow-control period in seconds.</summary>
    public long? Period { get; init; }

    /// <summary>The first label.</summary>
    public string? Label { get; init; }

    /// <summary>All labels, in order.</summary>
    public string[]? Labels { get; init; }

    /// <summary>Per-attempt timeout in milliseconds.</summary>
    public long? Timeout { get; init; }

    /// <summary>DLQ only: the entry id.</summary>
    public string? DlqId { get; init; }

    /// <summary>DLQ only: the status of the last response (0 when there was none).</summary>
    public int? ResponseStatus { get; init; }

    /// <summary>DLQ only: the headers of the last response.</summary>
    public Dictionary<string, string[]>? ResponseHeader { get; init; }

    /// <summary>DLQ only: the last response body when it is valid UTF-8.</summary>
    public string? ResponseBody { get; init; }

    /// <summary>DLQ only: the last response body in base64 when it is not valid UTF-8.</summary>
    public string? ResponseBodyBase64 { get; init; }

    /// <summary>DLQ only: why the last attempt failed.</summary>
    public string? Error { get; init; }

    /// <summary>DLQ only: the failure class of the last attempt (http_status, timeout, connection_refused, ...).</summary>
    public string? ErrorCategory { get; init; }
}
