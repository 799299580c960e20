using System.Text.Json.Serialization;

namespace Herald.Contracts.Wire;

/// <summary>A schedule as returned by <c>GET /v2/schedules/{id}</c> and <c>GET /v2/schedules</c>.</summary>
public sealed record ScheduleResponse
{
    /// <summary>The schedule id.</summary>
    public required string ScheduleId { get; init; }

    /// <summary>The cron expression, trimmed (with its <c>CRON_TZ=</c> prefix when it has one).</summary>
    public required string Cron { get; init; }

    /// <summary>The URL or URL-group name every tick publishes to.</summary>
    public required string Destination { get; init; }

    /// <summary>Creation time, Unix milliseconds.</summary>
    public required long CreatedAt { get; init; }

    /// <summary>The HTTP method used towards the destination.</summary>
    public required string Method { get; init; }

    /// <summary>Headers sent to the destination, by canonical name.</summary>
    public Dictionary<string, string[]>? Header { get; init; }

    /// <summary>The body when it is valid UTF-8; absent when the schedule has none.</summary>
    public string? Body { get; init; }

    /// <summary>The body in base64 when it is not valid UTF-8.</summary>
    public string? BodyBase64 { get; init; }

    /// <summary>Retries after the first attempt of each message.</summary>
    public required int Retries { get; init; }

    /// <summary>Delay of each message after its tick, in seconds.</summary>
    public long? Delay { get; init; }

    /// <summary>Per-attempt timeout in seconds, when one was given.</summary>
    public long? Timeout { get; init; }

    /// <summary>Callback URL.</summary>
    public string? Callback { get; init; }

    /// <summary>Failure callback URL.</summary>
    public string? FailureCallback { get; init; }

    /// <summary>The callback options (<c>Upstash-Callback-*</c> without the prefix).</summary>
    public Dictionary<string, string[]>? CallbackHeader { get; init; }

    /// <summary>The failure callback options (<c>Upstash-Failure-Callback-*</c> without the prefix).</summary>
    public Dictionary<string, string[]>? FailureCallbackHeader { get; init; }

    /// <summary>The IP that created the schedule (spelling read by the Python SDK).</summary>
    [JsonPropertyName("callerIP")]
    public string? CallerIpUpper { get; init; }

    /// <summary>The IP that created the schedule (spelling of the TypeScript SDK's types).</summary>
    public string? CallerIp { get; init; }

    /// <summary>Whether the schedule is paused (a paused schedule does not fire).</summary>
    public required bool IsPaused { get; init; }

    /// <summary>The queue every tick enqueues into.</summary>
    public string? QueueName { get; init; }

    /// <summary>Flow-control key.</summary>
    public string? FlowControlKey { get; init; }

    /// <summary>Flow-control parallelism.</summary>
    public int? Parallelism { get; init; }

    /// <summary>Flow-control rate per period.</summary>
    public int? Rate { get; init; }

    /// <summary>Flow-control period in seconds.</summary>
    public long? Period { get; init; }

    /// <summary>The custom retry delay expression.</summary>
    public string? RetryDelayExpression { get; init; }

    /// <summary>The first label.</summary>
    public string? Label { get; init; }

    /// <summary>All labels, in order.</summary>
    public string[]? Labels { get; init; }

    /// <summary>When the last tick fired, Unix milliseconds.</summary>
    public long? LastScheduleTime { get; init; }

    /// <summary>When the next tick fires, Unix milliseconds.</summary>
    public long? NextScheduleTime { get; init; }

    /// <summary>The messages of the last tick: <c>IN_PROGRESS</c>, <c>SUCCESS</c> or <c>FAIL</c> by message id.</summary>
    public Dictionary<string, string>? LastScheduleStates { get; init; }

    /// <summary>Why the last tick created no messages.</summary>
    public string? Error { get; init; }
}
