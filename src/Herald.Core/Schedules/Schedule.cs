namespace Herald.Core.Schedules;

/// <summary>
/// A cron schedule: what each tick publishes (destination, queue, the validated publish headers and the body), when
/// it fires next, and what its last tick did. The publish headers are parsed again at every tick, so a tick creates
/// exactly the messages a publish with those headers would.
/// </summary>
public sealed record Schedule
{
    public required string TenantId { get; init; }

    public required string Id { get; init; }

    /// <summary>The cron expression as given, trimmed (it may start with <c>CRON_TZ=&lt;zone&gt; </c>).</summary>
    public required string Cron { get; init; }

    /// <summary>A URL (query string included) or a URL-group name, exactly as given.</summary>
    public required string Destination { get; init; }

    public string? QueueName { get; init; }

    /// <summary>
    /// The publish headers every tick uses, in order: <c>Content-Type</c>, forwarded headers as
    /// <c>Upstash-Forward-&lt;Name&gt;</c> and the other <c>Upstash-*</c> configuration headers.
    /// </summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; }

    /// <summary>The message body; null when the schedule has none (stores never return an empty body).</summary>
    public byte[]? Body { get; init; }

    /// <summary>The IP that created the schedule; its messages carry it as their caller IP.</summary>
    public string? CallerIp { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public bool Paused { get; init; }

    /// <summary>When the schedule fires next; null when its cron expression has no further occurrence.</summary>
    public DateTimeOffset? NextScheduleTime { get; init; }

    /// <summary>When the last tick fired; null before the first.</summary>
    public DateTimeOffset? LastScheduleTime { get; init; }

    /// <summary>The ids of the messages the last tick created.</summary>
    public IReadOnlyList<string> LastMessageIds { get; init; } = [];

    /// <summary>
    /// Where each of <see cref="LastMessageIds"/> stands, filled in by reads (<c>GetAsync</c>, <c>ListAsync</c>); a
    /// message the store no longer knows anything about is left out.
    /// </summary>
    public IReadOnlyDictionary<string, ScheduleMessageState> LastScheduleStates { get; init; } = new Dictionary<string, ScheduleMessageState>();

    /// <summary>Why the last tick created no messages (e.g. its URL group is gone); null when it worked.</summary>
    public string? Error { get; init; }
}
