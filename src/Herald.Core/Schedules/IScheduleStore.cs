namespace Herald.Core.Schedules;

/// <summary>Cron schedules, per tenant, and the durable firing of their ticks.</summary>
public interface IScheduleStore
{
    /// <summary>
    /// Stores <paramref name="schedule"/>, replacing every setting and the run history of an existing schedule with the
    /// same tenant and id. Returns true when one was replaced.
    /// </summary>
    Task<bool> UpsertAsync(Schedule schedule, CancellationToken cancellationToken);

    /// <summary>The tenant's schedule with its <see cref="Schedule.LastScheduleStates"/>; null when unknown.</summary>
    Task<Schedule?> GetAsync(string tenantId, string scheduleId, CancellationToken cancellationToken);

    /// <summary>The tenant's schedules, oldest first, with their <see cref="Schedule.LastScheduleStates"/>.</summary>
    Task<IReadOnlyList<Schedule>> ListAsync(string tenantId, CancellationToken cancellationToken);

    /// <summary>Deletes the schedule; messages it already created continue. False when unknown.</summary>
    Task<bool> DeleteAsync(string tenantId, string scheduleId, CancellationToken cancellationToken);

    /// <summary>
    /// Pauses (a paused schedule never fires) or resumes. Resuming a paused schedule sets its next tick to
    /// <paramref name="nextWhenResumed"/>; pausing, or resuming one that is not paused, leaves the next tick as it is.
    /// Idempotent. False when unknown.
    /// </summary>
    Task<bool> SetPausedAsync(string tenantId, string scheduleId, bool paused, DateTimeOffset? nextWhenResumed, CancellationToken cancellationToken);

    /// <summary>
    /// Fires up to <paramref name="limit"/> schedules of any tenant that are not paused and whose next tick is at or
    /// before <paramref name="now"/>, earliest first. For each, <paramref name="buildTick"/> makes the tick; then its
    /// messages (with their CREATED events) and the schedule's new last time, next time, last message ids and error are
    /// committed in one durable write, only if the schedule still has the next tick it was read with and was not
    /// paused, replaced or deleted meanwhile. A tick is therefore committed at most once, whoever else fires.
    /// Returns the committed ticks.
    /// </summary>
    Task<IReadOnlyList<ScheduleTick>> FireDueAsync(
        DateTimeOffset now,
        int limit,
        Func<Schedule, CancellationToken, Task<ScheduleTick>> buildTick,
        CancellationToken cancellationToken);

    /// <summary>The earliest next tick of any schedule that is not paused; null when there is none.</summary>
    Task<DateTimeOffset?> NextFireTimeAsync(CancellationToken cancellationToken);
}
