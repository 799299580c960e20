using Herald.Core.Messages;
using Herald.Core.Publishing;

namespace Herald.Core.Schedules;

/// <summary>
/// Runs a schedule's stored headers through <see cref="PublishRequestParser"/> and <see cref="PublishPlanner"/>,
/// exactly like a publish: the URL group is resolved now, the queue and the delay apply, and every message carries the
/// schedule id and the IP that created the schedule.
/// </summary>
internal sealed class ScheduleMessageFactory(PublishRequestParser parser, PublishPlanner planner) : IScheduleMessageFactory
{
    public async Task<IReadOnlyList<NewMessage>> CreateAsync(Schedule schedule, CancellationToken cancellationToken)
    {
        var draft = parser.Parse(ScheduleHeaders.ToPublishInput(schedule));
        draft = draft with { Spec = draft.Spec with { ScheduleId = schedule.Id }, DedupKey = null };
        return await planner.PlanAsync(schedule.TenantId, draft, schedule.QueueName, cancellationToken).ConfigureAwait(false);
    }
}
