using Herald.Core.Messages;

namespace Herald.Core.Schedules;

/// <summary>
/// One firing of <see cref="Schedule"/>: when it fired, when the schedule fires next, the messages it creates, and
/// the error that kept it from creating any. A store commits all of it in one durable write.
/// </summary>
public sealed record ScheduleTick(
    Schedule Schedule,
    DateTimeOffset FiredAt,
    DateTimeOffset? NextScheduleTime,
    IReadOnlyList<NewMessage> Messages,
    string? Error);
