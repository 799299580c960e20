using Herald.Core.Messages;
using Herald.Core.Schedules;

namespace Herald.Core.Tests.Schedules;

/// <summary>Makes one message per tick, due <see cref="Delay"/> after now, or throws what <see cref="Failure"/> returns.</summary>
internal sealed class FakeMessageFactory(TimeProvider timeProvider) : IScheduleMessageFactory
{
    private int _sequence;

    public TimeSpan Delay { get; set; }

    public Func<Schedule, Exception?> Failure { get; set; } = _ => null;

    public Task<IReadOnlyList<NewMessage>> CreateAsync(Schedule schedule, CancellationToken cancellationToken)
    {
        if (Failure(schedule) is { } failure)
        {
            throw failure;
        }

        var now = timeProvider.GetUtcNow();
        var message = new NewMessage
        {
            Id = $"msg_{schedule.Id}_{Interlocked.Increment(ref _sequence)}",
            TenantId = schedule.TenantId,
            CreatedAt = now,
            Spec = new MessageSpec
            {
                Url = schedule.Destination,
                ScheduleId = schedule.Id,
                Method = "POST",
                Headers = new Dictionary<string, string[]>(),
                Body = schedule.Body ?? [],
                MaxRetries = 3,
                Timeout = TimeSpan.FromSeconds(30),
                NotBefore = now + Delay,
                CallerIp = schedule.CallerIp,
            },
        };
        return Task.FromResult<IReadOnlyList<NewMessage>>([message]);
    }
}
