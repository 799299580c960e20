using System.Text.Json.Serialization;

namespace Herald.Contracts.Wire;

/// <summary>
/// The JSON body Herald sends to <c>Upstash-Callback</c> after every attempt and to
/// <c>Upstash-Failure-Callback</c> after the final failure.
/// </summary>
public sealed record CallbackBody
{
    /// <summary>The destination's response status (0 when no response arrived).</summary>
    public required int Status { get; init; }

    /// <summary>The destination's response headers.</summary>
    public required Dictionary<string, string[]> Header { get; init; }

    /// <summary>The destination's response body, base64 (capped).</summary>
    public required string Body { get; init; }

    /// <summary>Retries done before this attempt (0 for the first attempt).</summary>
    public required int Retried { get; init; }

    /// <summary>The message's configured retries.</summary>
    public required int MaxRetries { get; init; }

    /// <summary>Failure callback only: the DLQ entry of the message.</summary>
    public string? DlqId { get; init; }

    /// <summary>The id of the message this callback reports on.</summary>
    public required string SourceMessageId { get; init; }

    /// <summary>The URL group of the message.</summary>
    public string? TopicName { get; init; }

    /// <summary>The URL-group endpoint name of the message.</summary>
    public string? EndpointName { get; init; }

    /// <summary>The message's destination URL.</summary>
    public required string Url { get; init; }

    /// <summary>The message's HTTP method.</summary>
    public required string Method { get; init; }

    /// <summary>The message's headers.</summary>
    public required Dictionary<string, string[]> SourceHeader { get; init; }

    /// <summary>The message's body, base64.</summary>
    public required string SourceBody { get; init; }

    /// <summary>The message's earliest delivery time, Unix milliseconds.</summary>
    public required long NotBefore { get; init; }

    /// <summary>The message's creation time, Unix milliseconds.</summary>
    public required long CreatedAt { get; init; }

    /// <summary>The schedule that produced the message.</summary>
    public string? ScheduleId { get; init; }

    /// <summary>The publisher's IP.</summary>
    [JsonPropertyName("callerIP")]
    public string? CallerIp { get; init; }

    /// <summary>Why the attempt failed, when it did (Herald extension).</summary>
    public string? Error { get; init; }
}
