using Herald.Client.Http;

namespace Herald.Client.Messages;

/// <summary>
/// Selects messages to cancel. Several values of one property match any of them; several properties must all
/// match. An empty filter selects every message.
/// </summary>
public sealed record MessageFilter
{
    /// <summary>Message ids.</summary>
    public IReadOnlyList<string>? MessageIds { get; init; }

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

    /// <summary>Flow-control keys.</summary>
    public IReadOnlyList<string>? FlowControlKeys { get; init; }

    /// <summary>Schedule ids.</summary>
    public IReadOnlyList<string>? ScheduleIds { get; init; }

    /// <summary>Publisher IPs.</summary>
    public IReadOnlyList<string>? CallerIps { get; init; }

    /// <summary>Created at or after this time.</summary>
    public DateTimeOffset? FromDate { get; init; }

    /// <summary>Created at or before this time.</summary>
    public DateTimeOffset? ToDate { get; init; }

    internal QueryBuilder AddTo(QueryBuilder query) => query
        .Add("messageIds", MessageIds)
        .Add("label", Labels)
        .Add("url", Urls)
        .Add("host", Hosts)
        .Add("path", Paths)
        .Add("topicName", UrlGroups)
        .Add("queueName", Queues)
        .Add("flowControlKey", FlowControlKeys)
        .Add("scheduleId", ScheduleIds)
        .Add("callerIp", CallerIps)
        .Add("fromDate", FromDate)
        .Add("toDate", ToDate);
}
