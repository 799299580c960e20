using Herald.Core.Messages;

namespace Herald.Core.Schedules;

/// <summary>Builds the messages one tick of a schedule creates, as a publish with its stored headers would.</summary>
public interface IScheduleMessageFactory
{
    /// <summary>
    /// The tick's messages (one per endpoint for a URL group), due after the schedule's delay from now. Throws
    /// <see cref="Publishing.PublishRejectedException"/> or <see cref="NotFoundException"/> when they cannot be built.
    /// </summary>
    Task<IReadOnlyList<NewMessage>> CreateAsync(Schedule schedule, CancellationToken cancellationToken);
}
