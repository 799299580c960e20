namespace Herald.Core.Delivery;

/// <summary>
/// A sticky wake-up: <see cref="Set"/> before or during <see cref="WaitAsync"/> ends the wait; a set that nobody
/// waited for ends the next wait at once. Timeouts run on the injected <see cref="TimeProvider"/>.
/// </summary>
internal sealed class WakeSignal
{
    private TaskCompletionSource _signal = NewSource();

    public void Set() => Volatile.Read(ref _signal).TrySetResult();

    public async Task WaitAsync(TimeSpan timeout, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var signal = Volatile.Read(ref _signal);
        if (!signal.Task.IsCompleted && timeout > TimeSpan.Zero)
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var delay = Task.Delay(timeout, timeProvider, stop.Token);
            var cancelled = Task.Delay(Timeout.Infinite, cancellationToken);
            await Task.WhenAny(signal.Task, delay, cancelled).ConfigureAwait(false);
            await stop.CancelAsync().ConfigureAwait(false);
        }

        if (signal.Task.IsCompleted)
        {
            Interlocked.CompareExchange(ref _signal, NewSource(), signal);
        }
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
