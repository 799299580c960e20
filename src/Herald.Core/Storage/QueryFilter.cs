using Herald.Core.Messages;

namespace Herald.Core.Storage;

/// <summary>
/// Filters shared by message cancel, DLQ and event listings: OR within a field, AND across fields. Null or empty
/// means "any". Each API accepts only the fields that make sense for it.
/// </summary>
public sealed record QueryFilter
{
    public static readonly QueryFilter All = new();

    public IReadOnlyList<string>? MessageIds { get; init; }

    public IReadOnlyList<string>? DlqIds { get; init; }

    public IReadOnlyList<string>? Urls { get; init; }

    public IReadOnlyList<string>? Hosts { get; init; }

    public IReadOnlyList<string>? Paths { get; init; }

    public IReadOnlyList<string>? TopicNames { get; init; }

    public IReadOnlyList<string>? QueueNames { get; init; }

    public IReadOnlyList<string>? ScheduleIds { get; init; }

    public IReadOnlyList<string>? Labels { get; init; }

    public IReadOnlyList<string>? FlowControlKeys { get; init; }

    public IReadOnlyList<string>? CallerIps { get; init; }

    public IReadOnlyList<int>? ResponseStatuses { get; init; }

    public IReadOnlyList<MessageState>? States { get; init; }

    /// <summary>Inclusive lower bound on the row's time (creation, failure or event time).</summary>
    public DateTimeOffset? FromDate { get; init; }

    /// <summary>Inclusive upper bound on the row's time.</summary>
    public DateTimeOffset? ToDate { get; init; }
}
