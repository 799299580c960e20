using Herald.Core.Schedules;

namespace Herald.Core.Tests.Schedules;

/// <summary>
/// A schedule store in memory with the contract's conditional firing, to test the runner's timing without a database.
/// Records every committed tick; <see cref="FailNextFire"/> makes the next fire throw like a storage outage.
/// </summary>
internal sealed class InMemoryScheduleStore : IScheduleStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string, string), Schedule> _schedules = [];
    private readonly List<ScheduleTick> _committed = [];

    public int FailNextFire { get; set; }

    public IReadOnlyList<ScheduleTick> Committed
    {
        get
        {
            lock (_gate)
            {
                return [.. _committed];
            }
        }
    }

    public Task<bool> UpsertAsync(Schedule schedule, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var replaced = _schedules.ContainsKey((schedule.TenantId, schedule.Id));
            _schedules[(schedule.TenantId, schedule.Id)] = schedule;
            return Task.FromResult(replaced);
        }
    }

    public Task<Schedule?> GetAsync(string tenantId, string scheduleId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_schedules.GetValueOrDefault((tenantId, scheduleId)));
        }
    }

    public Task<IReadOnlyList<Schedule>> ListAsync(string tenantId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<Schedule>>([.. _schedules.Values.Where(s => s.TenantId == tenantId).OrderBy(s => s.CreatedAt)]);
        }
    }

    public Task<bool> DeleteAsync(string tenantId, string scheduleId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_schedules.Remove((tenantId, scheduleId)));
        }
    }

    public Task<bool> SetPausedAsync(string tenantId, string scheduleId, bool paused, DateTimeOffset? nextWhenResumed, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_schedules.TryGetValue((tenantId, scheduleId), out var schedule))
            {
                return Task.FromResult(false);
            }

            _schedules[(tenantId, scheduleId)] = schedule with
            {
                Paused = paused,
                NextScheduleTime = !paused && schedule.Paused ? nextWhenResumed : schedule.NextScheduleTime,
            };
            return Task.FromResult(true);
        }
    }

    public async Task<IReadOnlyList<ScheduleTick>> FireDueAsync(
        DateTimeOffset now,
        int limit,
        Func<Schedule, CancellationToken, Task<ScheduleTick>> buildTick,
        CancellationToken cancellationToken)
    {
        List<Schedule> due;
        lock (_gate)
        {
            if (FailNextFire > 0)
            {
                FailNextFire--;
                throw new IOException("simulated storage outage");
            }

            due = [.. _schedules.Values.Where(s => !s.Paused && s.NextScheduleTime <= now).OrderBy(s => s.NextScheduleTime).Take(limit)];
        }

        var fired = new List<ScheduleTick>();
        foreach (var schedule in due)
        {
            var tick = await buildTick(schedule, cancellationToken);
            lock (_gate)
            {
                // Committed only if nothing changed since the read (records compare by value).
                if (_schedules.GetValueOrDefault((schedule.TenantId, schedule.Id)) != schedule)
                {
                    continue;
                }

                _schedules[(schedule.TenantId, schedule.Id)] = schedule with
                {
                    LastScheduleTime = tick.FiredAt,
                    NextScheduleTime = tick.NextScheduleTime,
                    LastMessageIds = [.. tick.Messages.Select(m => m.Id)],
                    Error = tick.Error,
                };
                _committed.Add(tick);
                fired.Add(tick);
            }
        }

        return fired;
    }

    public Task<DateTimeOffset?> NextFireTimeAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_schedules.Values.Where(s => !s.Paused && s.NextScheduleTime is not null).Min(s => s.NextScheduleTime));
        }
    }
}
