using Herald.Core.Delivery;
using Herald.Core.Diagnostics;
using Herald.Core.Messages;
using Herald.Core.Publishing;
using Microsoft.Extensions.Logging;

namespace Herald.Core.Schedules;

/// <summary>
/// Fires cron schedules: sleeps until the earliest next tick (or a wake-up when a schedule is created, replaced or
/// resumed), fires every due schedule through the store (each tick's messages and the schedule's new times commit in
/// one conditional write, so a tick never fires twice), wakes the dispatcher, and survives errors by backing off.
/// A schedule whose next tick has passed (Herald was down) fires once, now, and then continues from the first
/// tick after now: missed ticks are not replayed one by one.
/// </summary>
public sealed partial class ScheduleRunner(
    IScheduleStore store,
    IScheduleMessageFactory messageFactory,
    IDeliverySignal signal,
    HeraldMetrics metrics,
    TimeProvider timeProvider,
    ILogger<ScheduleRunner> logger)
{
    /// <summary>Schedules fired per store round trip.</summary>
    public const int BatchSize = 100;

    /// <summary>The longest the runner sleeps without looking at the store (schedules written by another node).</summary>
    public static readonly TimeSpan MaxIdle = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    private readonly WakeSignal _wake = new();

    /// <summary>Makes the runner look at the store now (a schedule was created, replaced or resumed).</summary>
    public void Wake() => _wake.Set();

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        LogStarted(logger);
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            DateTimeOffset wakeAt;
            try
            {
                await FireDueAsync(stoppingToken).ConfigureAwait(false);
                var next = await store.NextFireTimeAsync(stoppingToken).ConfigureAwait(false);
                var idle = timeProvider.GetUtcNow() + MaxIdle;
                wakeAt = next is { } due && due < idle ? due : idle;
                failures = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                failures++;
                var backoff = TimeSpan.FromSeconds(Math.Min(MaxBackoff.TotalSeconds, Math.Pow(2, Math.Min(failures, 10) - 1)));
                wakeAt = timeProvider.GetUtcNow() + backoff;
                LogRunnerFailed(logger, backoff, ex);
            }

            try
            {
                await _wake.WaitAsync(wakeAt - timeProvider.GetUtcNow(), timeProvider, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>Fires every schedule due now; returns how many ticks were committed.</summary>
    public async Task<int> FireDueAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            var fired = await store.FireDueAsync(timeProvider.GetUtcNow(), BatchSize, BuildTickAsync, cancellationToken).ConfigureAwait(false);
            var earliest = DateTimeOffset.MaxValue;
            var stored = 0;
            foreach (var tick in fired)
            {
                foreach (var message in tick.Messages)
                {
                    earliest = message.Spec.NotBefore < earliest ? message.Spec.NotBefore : earliest;
                }

                stored += tick.Messages.Count;
                if (tick.Error is { } error)
                {
                    LogTickFailed(logger, tick.Schedule.Id, tick.Schedule.TenantId, error);
                }
                else
                {
                    LogFired(logger, tick.Schedule.Id, tick.Schedule.TenantId, tick.Messages.Count, tick.NextScheduleTime);
                }
            }

            if (stored > 0)
            {
                metrics.Published(stored, 0);
                signal.MessagesStored(earliest);
            }

            total += fired.Count;
            if (fired.Count < BatchSize)
            {
                return total;
            }
        }
    }

    private async Task<ScheduleTick> BuildTickAsync(Schedule schedule, CancellationToken cancellationToken)
    {
        var firedAt = timeProvider.GetUtcNow();
        CronSchedule cron;
        try
        {
            cron = CronSchedule.Parse(schedule.Cron);
        }
        catch (PublishRejectedException ex)
        {
            // Only possible if the time zone database changed under a stored schedule: stop it, say why.
            return new ScheduleTick(schedule, firedAt, null, [], ex.Message);
        }

        var next = cron.NextAfter(firedAt);
        try
        {
            var messages = await messageFactory.CreateAsync(schedule, cancellationToken).ConfigureAwait(false);
            return new ScheduleTick(schedule, firedAt, next, messages, null);
        }
        catch (Exception ex) when (ex is PublishRejectedException or NotFoundException)
        {
            return new ScheduleTick(schedule, firedAt, next, Array.Empty<NewMessage>(), ex.Message);
        }
    }

    [LoggerMessage(HeraldEventIds.ScheduleRunnerStarted, LogLevel.Debug, "Schedule runner started")]
    private static partial void LogStarted(ILogger logger);

    [LoggerMessage(HeraldEventIds.ScheduleFired, LogLevel.Debug, "Schedule {ScheduleId} of {TenantId} fired {Count} message(s); next tick at {Next}")]
    private static partial void LogFired(ILogger logger, string scheduleId, string tenantId, int count, DateTimeOffset? next);

    [LoggerMessage(HeraldEventIds.ScheduleTickFailed, LogLevel.Warning, "Schedule {ScheduleId} of {TenantId} created no messages: {Error}; it keeps ticking")]
    private static partial void LogTickFailed(ILogger logger, string scheduleId, string tenantId, string error);

    [LoggerMessage(HeraldEventIds.ScheduleRunnerFailed, LogLevel.Error, "Firing schedules failed; trying again in {Delay}")]
    private static partial void LogRunnerFailed(ILogger logger, TimeSpan delay, Exception exception);
}
