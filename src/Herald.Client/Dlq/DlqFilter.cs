using Herald.Client.Http;

namespace Herald.Client.Dlq;

/// <summary>
/// Selects DLQ entries. Several values of one property match any of them; several properties must all match. An
/// empty filter selects every entry.
/// </summary>
public sealed record DlqFilter
{
    /// <summary>DLQ entry ids.</summary>
    public IReadOnlyList<string>? DlqIds { get; init; }

    /// <summary>Ids of the dead-lettered messages.</summary>
    public IReadOnlyList<string>? MessageIds { get; init; }

    /// <summary>Exact destination URLs.</summary>
    public IReadOnlyList<string>? Urls { get; init; }

    /// <summary>URL-group names (<c>topicName</c>).</summary>
    public IReadOnlyList<string>? UrlGroups { get; init; }

    /// <summary>Queue names.</summary>
    public IReadOnlyList<string>? Queues { get; init; }

    /// <summary>Schedule ids.</summary>
    public IReadOnlyList<string>? ScheduleIds { get; init; }

    /// <summary>Labels.</summary>
    public IReadOnlyList<string>? Labels { get; init; }

    /// <summary>Flow-control keys.</summary>
    public IReadOnlyList<string>? FlowControlKeys { get; init; }

    /// <summary>Statuses of the last response (0: none arrived).</summary>
    public IReadOnlyList<int>? ResponseStatuses { get; init; }

    /// <summary>Publisher IPs.</summary>
    public IReadOnlyList<string>? CallerIps { get; init; }

    /// <summary>Dead-lettered at or after this time.</summary>
    public DateTimeOffset? FromDate { get; init; }

    /// <summary>Dead-lettered at or before this time.</summary>
    public DateTimeOffset? ToDate { get; init; }

    internal QueryBuilder AddTo(QueryBuilder query) => query
        .Add("dlqIds", DlqIds)
        .Add("messageId", MessageIds)
        .Add("url", Urls)
        .Add("topicName", UrlGroups)
        .Add("queueName", Queues)
        .Add("scheduleId", ScheduleIds)
        .Add("label", Labels)
        .Add("flowControlKey", FlowControlKeys)
        .Add("responseStatus", ResponseStatuses)
        .Add("callerIp", CallerIps)
        .Add("fromDate", FromDate)
        .Add("toDate", ToDate);
}
