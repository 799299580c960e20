using System.Collections.Concurrent;
using Herald.Core.Configuration;
using Herald.Core.Diagnostics;
using Herald.Core.Signing;
using Herald.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Herald.Core.Delivery;

/// <summary>
/// The dispatcher: claims due messages in batches up to <see cref="DeliveryOptions.MaxConcurrency"/> attempts in
/// flight, runs each attempt, records its outcome through the store (fenced by the lease token), and sleeps until the
/// next due time, a publish, or a free slot. On shutdown it stops claiming, lets attempts finish for the grace
/// period and releases the leases of the rest.
/// </summary>
public sealed partial class DeliveryEngine(
    IHeraldStore store,
    DeliverySender sender,
    RetryPlanner planner,
    SigningKeyService signingKeys,
    StandardWebhooksSecrets standardWebhooks,
    HeraldMetrics metrics,
    IOptions<DeliveryOptions> options,
    TimeProvider timeProvider,
    ILogger<DeliveryEngine> logger) : IDeliverySignal
{
    private static readonly TimeSpan[] CompletionRetryDelays =
    [
        TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5),
        TimeSpan.FromSeconds(10),
    ];

    private readonly ConcurrentDictionary<string, InFlightAttempt> _inFlight = new(StringComparer.Ordinal);
    private readonly WakeSignal _wake = new();
    private readonly DeliveryOptions _options = options.Value;
    private readonly CompletionBatcher _completions = new(store.Messages);
    private long _plannedWakeMs = long.MaxValue;

    private static readonly TimeSpan ClaimDeferral = TimeSpan.FromMilliseconds(10);

    private int ClaimThreshold => Math.Max(1, Math.Min(_options.ClaimBatchSize, _options.MaxConcurrency / 8));

    /// <summary>Attempts currently in flight on this node.</summary>
    public int InFlightCount => _inFlight.Count;

    public void MessagesStored(DateTimeOffset dueAt)
    {
        if (dueAt <= timeProvider.GetUtcNow())
        {
            Interlocked.Increment(ref _dueSignals);
            _backlog = true;
        }

        if (dueAt.ToUnixTimeMilliseconds() < Interlocked.Read(ref _plannedWakeMs))
        {
            _wake.Set();
        }
    }

    /// <summary>Aborts in-flight attempts of cancelled messages (best effort; the store already marked them).</summary>
    public void Abort(IEnumerable<string> messageIds)
    {
        foreach (var id in messageIds)
        {
            if (_inFlight.TryGetValue(id, out var attempt))
            {
                attempt.Abort.Cancel();
            }
        }
    }

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        LogStarted(logger, _options.MaxConcurrency);
        _accepting = true;
        var nextRescue = DateTimeOffset.MinValue;
        var deferredSince = DateTimeOffset.MaxValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = timeProvider.GetUtcNow();
            DateTimeOffset? nextDue = null;
            try
            {
                if (now >= nextRescue)
                {
                    var held = _inFlight.Values.Select(a => a.Claimed.LeaseToken).ToArray();
                    var rescued = await store.Messages.RescueExpiredLeasesAsync(now, held, stoppingToken).ConfigureAwait(false);
                    if (rescued > 0)
                    {
                        LogRescued(logger, rescued);
                    }

                    nextRescue = now + _options.LeaseRescueInterval;
                }

                var inFlight = _inFlight.Count + Volatile.Read(ref _reserved);
                var capacity = _options.MaxConcurrency - inFlight;

                // Under load, wait (briefly) until a useful number of slots is free rather than claiming one message
                // per finished attempt; when little is in flight, claim at once (latency).
                var worthClaiming = capacity >= ClaimThreshold || inFlight < ClaimThreshold || now - deferredSince >= ClaimDeferral;
                if (capacity > 0 && !worthClaiming)
                {
                    deferredSince = deferredSince == DateTimeOffset.MaxValue ? now : deferredSince;
                    nextDue = deferredSince + ClaimDeferral;
                }

                if (capacity <= 0)
                {
                    // Saturated: due work may be waiting; freed slots go to the dispatcher, not to hand-offs.
                    _backlog = true;
                }

                if (capacity > 0 && worthClaiming)
                {
                    var signals = Volatile.Read(ref _dueSignals);
                    deferredSince = DateTimeOffset.MaxValue;
                    var limit = Math.Min(capacity, _options.ClaimBatchSize);
                    // While awake, every store signal counts: a publish that commits after the claim read re-runs the loop.
                    Interlocked.Exchange(ref _plannedWakeMs, long.MaxValue);
                    var claim = await store.Messages.ClaimDueAsync(now, limit, _options.LeaseMargin, stoppingToken).ConfigureAwait(false);
                    foreach (var claimed in claim.Messages)
                    {
                        Start(claimed);
                    }

                    nextDue = claim.NextDueAt;
                    _backlog = claim.Messages.Count == limit || claim.NextDueAt <= now || Volatile.Read(ref _dueSignals) != signals;
                    if (claim.Messages.Count == limit)
                    {
                        continue;
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                LogDispatcherFailed(logger, ex);
                nextDue = now + TimeSpan.FromSeconds(1);
            }

            var wakeAt = now + _options.MaxIdleInterval;
            if (nextDue is { } due && due < wakeAt)
            {
                wakeAt = due;
            }

            if (nextRescue < wakeAt)
            {
                wakeAt = nextRescue;
            }

            Interlocked.Exchange(ref _plannedWakeMs, wakeAt.ToUnixTimeMilliseconds());
            try
            {
                await _wake.WaitAsync(wakeAt - timeProvider.GetUtcNow(), timeProvider, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
        }

        await StopHandOffsAsync().ConfigureAwait(false);
        await DrainAsync().ConfigureAwait(false);
    }

    private void Start(ClaimedMessage claimed)
    {
        var attempt = new InFlightAttempt(claimed);
        _inFlight[claimed.Message.Id] = attempt;
        attempt.Completion = Task.Run(() => RunAttemptAsync(attempt));
    }

    private async Task RunAttemptAsync(InFlightAttempt attempt)
    {
        var message = attempt.Claimed.Message;
        var wake = true;
        try
        {
            var keys = await signingKeys.GetAsync(message.TenantId, CancellationToken.None).ConfigureAwait(false);
            var secrets = await standardWebhooks.ForAsync(message, CancellationToken.None).ConfigureAwait(false);
            var result = await sender.SendAsync(message, keys.Current, secrets, attempt.Abort.Token).ConfigureAwait(false);
            if (attempt.AbortedForShutdown)
            {
                return;
            }

            metrics.Attempt(result);
            if (!result.Success)
            {
                LogAttemptFailed(logger, message.Id, message.Spec.Url, result.Error);
            }

            var completion = planner.Plan(attempt.Claimed, result, timeProvider.GetUtcNow());
            await CompleteAsync(completion).ConfigureAwait(false);
            wake = LeavesWork(message, completion);
        }
        catch (Exception ex)
        {
            LogCompletionWriteFailed(logger, message.Id, ex);
        }
        finally
        {
            _inFlight.TryRemove(new KeyValuePair<string, InFlightAttempt>(message.Id, attempt));
            attempt.Dispose();
            if (wake || _backlog)
            {
                _wake.Set();
            }
        }
    }

    /// <summary>
    /// Whether the outcome may have made work due that the dispatcher must claim: a retry, callbacks, or a queue or
    /// flow-control slot it freed. A plain delivered or dead-lettered message leaves nothing behind; with no backlog
    /// the dispatcher may sleep on (publish hand-offs and store signals reach it otherwise).
    /// </summary>
    private static bool LeavesWork(Messages.Message message, AttemptCompletion completion) =>
        completion.Decision is not (Messages.MessageState.Delivered or Messages.MessageState.Failed)
        || completion.FollowUps.Count > 0
        || message.Spec.IsGated;

    private async Task CompleteAsync(AttemptCompletion completion)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var status = await _completions.CompleteAsync(completion).ConfigureAwait(false);
                if (status == CompletionStatus.Stale)
                {
                    LogCompletionStale(logger, completion.MessageId);
                }
                else if (completion.Decision == Messages.MessageState.Failed)
                {
                    metrics.DeadLettered();
                }

                return;
            }
            catch (Exception ex) when (attempt < CompletionRetryDelays.Length)
            {
                // The outcome stays unrecorded until the store answers; if it never does, the lease expires and the
                // message is delivered again (at-least-once).
                LogCompletionWriteFailed(logger, completion.MessageId, ex);
                await Task.Delay(CompletionRetryDelays[attempt], timeProvider).ConfigureAwait(false);
            }
        }
    }

    private async Task DrainAsync()
    {
        var running = _inFlight.Values.ToArray();
        if (running.Length > 0)
        {
            var all = Task.WhenAll(running.Select(a => a.Completion));
            await Task.WhenAny(all, Task.Delay(_options.ShutdownGracePeriod, timeProvider)).ConfigureAwait(false);

            var unfinished = _inFlight.Values.ToArray();
            foreach (var attempt in unfinished)
            {
                attempt.AbortedForShutdown = true;
                await attempt.Abort.CancelAsync().ConfigureAwait(false);
            }

            await Task.WhenAll(unfinished.Select(a => a.Completion)).ConfigureAwait(false);
            if (unfinished.Length > 0)
            {
                var leases = unfinished.Select(a => new LeaseRef(a.Claimed.Message.Id, a.Claimed.LeaseToken)).ToArray();
                try
                {
                    var released = await store.Messages.ReleaseAsync(leases, timeProvider.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
                    LogReleased(logger, released);
                }
                catch (Exception ex)
                {
                    LogDispatcherFailed(logger, ex);
                }
            }
        }

        _completions.Stop();
        LogStopped(logger);
    }

    [LoggerMessage(HeraldEventIds.DeliveryEngineStarted, LogLevel.Information, "Delivery engine started with up to {MaxConcurrency} attempts in flight")]
    private static partial void LogStarted(ILogger logger, int maxConcurrency);

    [LoggerMessage(HeraldEventIds.DeliveryEngineStopped, LogLevel.Information, "Delivery engine stopped")]
    private static partial void LogStopped(ILogger logger);

    [LoggerMessage(HeraldEventIds.AttemptFailed, LogLevel.Debug, "Attempt for {MessageId} to {Url} failed: {Error}")]
    private static partial void LogAttemptFailed(ILogger logger, string messageId, string url, string? error);

    [LoggerMessage(HeraldEventIds.CompletionStale, LogLevel.Warning, "Outcome for {MessageId} not recorded: its lease expired and the message moved on")]
    private static partial void LogCompletionStale(ILogger logger, string messageId);

    [LoggerMessage(HeraldEventIds.CompletionWriteFailed, LogLevel.Error, "Could not record the outcome for {MessageId}")]
    private static partial void LogCompletionWriteFailed(ILogger logger, string messageId, Exception exception);

    [LoggerMessage(HeraldEventIds.LeasesRescued, LogLevel.Warning, "{Count} messages whose lease expired are due again")]
    private static partial void LogRescued(ILogger logger, int count);

    [LoggerMessage(HeraldEventIds.LeasesReleased, LogLevel.Information, "Released {Count} in-flight messages at shutdown")]
    private static partial void LogReleased(ILogger logger, int count);

    [LoggerMessage(HeraldEventIds.DispatcherFailed, LogLevel.Error, "Dispatcher pass failed; retrying")]
    private static partial void LogDispatcherFailed(ILogger logger, Exception exception);
}
