using Herald.Contracts.Headers;
using Herald.Core.Configuration;
using Herald.Core.Ids;
using Herald.Core.Messages;
using Herald.Core.Publishing;
using Herald.Core.Time;
using Microsoft.Extensions.Options;

namespace Herald.Core.Schedules;

/// <summary>
/// Creates, replaces, pauses and resumes schedules. A create is validated like a publish (every header through
/// <see cref="PublishRequestParser"/>) and stores nothing when anything is wrong; the runner is woken so a new or
/// resumed schedule fires at its first tick.
/// </summary>
public sealed class ScheduleManager(
    IScheduleStore store,
    PublishRequestParser parser,
    ScheduleRunner runner,
    IdGenerator ids,
    IOptions<MessageOptions> options,
    TimeProvider timeProvider)
{
    /// <summary>
    /// Creates the schedule that <paramref name="input"/> describes (<c>Upstash-Cron</c>, optional
    /// <c>Upstash-Schedule-Id</c> and <c>Upstash-Queue-Name</c>, publish headers, body), or replaces every setting of
    /// the tenant's schedule with that id. Returns the schedule id. Throws <see cref="PublishRejectedException"/>.
    /// </summary>
    public async Task<string> CreateAsync(string tenantId, PublishInput input, CancellationToken cancellationToken)
    {
        var cron = CronSchedule.Parse(ScheduleHeaders.Single(input.Headers, UpstashHeaders.Cron));
        var customId = ScheduleHeaders.Single(input.Headers, UpstashHeaders.ScheduleId)?.Trim();
        if (customId is not null)
        {
            ResourceNames.Validate(customId, "schedule id");
        }

        var queueName = ScheduleHeaders.Single(input.Headers, UpstashHeaders.QueueName)?.Trim();
        if (queueName is not null)
        {
            ResourceNames.Validate(queueName, "queue name");
        }

        ScheduleHeaders.RejectUnsupported(input.Headers);
        var parsed = parser.Parse(input with { TraceParent = null });
        var headers = ScheduleHeaders.ToStore(input.Headers, parsed.Spec);
        var body = input.Body.Length == 0 ? null : input.Body;
        var schedule = new Schedule
        {
            TenantId = tenantId,
            Id = customId ?? ids.NewScheduleId(),
            Cron = cron.Text,
            Destination = input.Destination,
            QueueName = queueName,
            Headers = headers,
            Body = body,
            CallerIp = input.CallerIp,
            CreatedAt = timeProvider.GetUtcNow(),
        };

        // What is stored must parse at every tick exactly as it did now.
        parser.Parse(ScheduleHeaders.ToPublishInput(schedule));
        var next = cron.NextAfter(schedule.CreatedAt)
            ?? throw new PublishRejectedException($"invalid {UpstashHeaders.Cron} '{cron.Text}': it never fires");

        await store.UpsertAsync(schedule with { NextScheduleTime = next }, cancellationToken).ConfigureAwait(false);
        runner.Wake();
        return schedule.Id;
    }

    /// <summary>
    /// Pauses or resumes; resuming a paused schedule recomputes its next tick from now (missed ticks are not fired).
    /// False when the tenant has no such schedule.
    /// </summary>
    public async Task<bool> SetPausedAsync(string tenantId, string scheduleId, bool paused, CancellationToken cancellationToken)
    {
        DateTimeOffset? next = null;
        if (!paused)
        {
            var schedule = await store.GetAsync(tenantId, scheduleId, cancellationToken).ConfigureAwait(false);
            if (schedule is null)
            {
                return false;
            }

            next = CronSchedule.Parse(schedule.Cron).NextAfter(timeProvider.GetUtcNow());
        }

        if (!await store.SetPausedAsync(tenantId, scheduleId, paused, next, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        if (!paused)
        {
            runner.Wake();
        }

        return true;
    }

    /// <summary>What the stored headers of <paramref name="schedule"/> configure (never throws).</summary>
    public ScheduleSettings Describe(Schedule schedule)
    {
        string? problem = null;
        MessageSpec spec;
        try
        {
            spec = parser.Parse(ScheduleHeaders.ToPublishInput(schedule)).Spec;
        }
        catch (PublishRejectedException ex)
        {
            problem = "the stored settings no longer pass validation: " + ex.Message;
            spec = new MessageSpec
            {
                Url = "",
                Method = "POST",
                Headers = new Dictionary<string, string[]>(),
                Body = schedule.Body ?? [],
                MaxRetries = options.Value.DefaultRetries,
                Timeout = options.Value.DefaultTimeout,
                NotBefore = timeProvider.GetUtcNow(),
                CallerIp = schedule.CallerIp,
            };
        }

        return new ScheduleSettings(
            spec,
            Seconds(schedule.Headers, UpstashHeaders.Delay),
            Seconds(schedule.Headers, UpstashHeaders.Timeout),
            problem);
    }

    private static long? Seconds(IReadOnlyList<KeyValuePair<string, string>> headers, string name) =>
        Durations.TryParse(headers.FirstOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value, out var value)
            ? (long)value.TotalSeconds
            : null;
}
