using Herald.Client.Http;

namespace Herald.Client.Logs;

/// <summary>
/// Selects log entries. Several values of one property match any of them; several properties must all match. An
/// empty filter selects every entry.
/// </summary>
public sealed record LogFilter
{
    /// <summary>Message ids.</summary>
    public IReadOnlyList<string>? MessageIds { get; init; }

    /// <summary>States.</summary>
    public IReadOnlyList<LogState>? States { get; init; }

    /// <summary>Labels.</summary>
    public IReadOnlyList<string>? Labels { get; init; }

    /// <summary>Exact destination URLs.</summary>
    public IReadOnlyList<string>? Urls { get; init; }

    /// <summary>Destination hosts.</summary>
    public IReadOnlyList<string>? Hosts { get; init; }

    /// <summary>Destination paths.</summary>
    public IReadOnlyList<string>? Paths { get; init; }

    /// <summary>URL-group names (<c>topicName</c>).</summary>
    public IReadOnlyList<string>? UrlGroups { get; init; }

    /// <summary>Queue names.</summary>
    public IReadOnlyList<string>? Queues { get; init; }

    /// <summary>Schedule ids.</summary>
    public IReadOnlyList<string>? ScheduleIds { get; init; }

    /// <summary>Flow-control keys.</summary>
    public IReadOnlyList<string>? FlowControlKeys { get; init; }

    /// <summary>Publisher IPs.</summary>
    public IReadOnlyList<string>? CallerIps { get; init; }

    /// <summary>Response statuses (Herald extension).</summary>
    public IReadOnlyList<int>? ResponseStatuses { get; init; }

    /// <summary>At or after this time.</summary>
    public DateTimeOffset? FromDate { get; init; }

    /// <summary>At or before this time.</summary>
    public DateTimeOffset? ToDate { get; init; }

    internal QueryBuilder AddTo(QueryBuilder query) => query
        .Add("messageIds", MessageIds)
        .Add("state", States?.Select(Name))
        .Add("label", Labels)
        .Add("url", Urls)
        .Add("host", Hosts)
        .Add("path", Paths)
        .Add("topicName", UrlGroups)
        .Add("queueName", Queues)
        .Add("scheduleId", ScheduleIds)
        .Add("flowControlKey", FlowControlKeys)
        .Add("callerIp", CallerIps)
        .Add("responseStatus", ResponseStatuses)
        .Add("fromDate", FromDate)
        .Add("toDate", ToDate);

    private static string Name(LogState state) => state switch
    {
        LogState.Created => "CREATED",
        LogState.Active => "ACTIVE",
        LogState.Retry => "RETRY",
        LogState.Error => "ERROR",
        LogState.Delivered => "DELIVERED",
        LogState.Failed => "FAILED",
        LogState.CancelRequested => "CANCEL_REQUESTED",
        LogState.Canceled => "CANCELED",
        LogState.InProgress => "IN_PROGRESS",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "unknown state"),
    };
}
