using Herald.Core.Messages;
using Herald.Core.Storage;

namespace Herald.Core.Delivery;

public sealed partial class DeliveryEngine : IDeliveryHandOff
{
    private static readonly TimeSpan ReservationDrainLimit = TimeSpan.FromSeconds(5);

    // Slots promised to publishes whose write is in progress; counted as in flight by the dispatcher.
    private int _reserved;

    // True while the engine runs and takes hand-offs.
    private volatile bool _accepting;

    // True once shutdown has taken its snapshot of the attempts in flight: a late hand-off is not started.
    private volatile bool _draining;

    // True while due work may be waiting in the store (set by any due-now store signal and by claims that left due
    // messages behind, cleared by a claim that took everything due): hand-offs would overtake it, so they stop.
    private volatile bool _backlog = true;

    // Counts due-now store signals, so a claim that raced with one does not clear the backlog.
    private int _dueSignals;

    public int TryReserve(int wanted, DateTimeOffset now)
    {
        if (wanted <= 0 || !_accepting || _backlog || now.ToUnixTimeMilliseconds() >= Interlocked.Read(ref _plannedWakeMs))
        {
            return 0;
        }

        while (true)
        {
            var reserved = Volatile.Read(ref _reserved);
            var granted = Math.Min(wanted, _options.MaxConcurrency - _inFlight.Count - reserved);
            if (granted <= 0)
            {
                return 0;
            }

            if (Interlocked.CompareExchange(ref _reserved, reserved + granted, reserved) == reserved)
            {
                return granted;
            }
        }
    }

    public PublishClaim NewClaim(MessageSpec spec, DateTimeOffset now) =>
        new(LeaseTokens.New(), now + spec.Timeout + _options.LeaseMargin);

    public void Start(NewMessage message)
    {
        var claim = message.Claim ?? throw new ArgumentException("the message was not stored with a claim", nameof(message));
        var stored = new Message
        {
            Id = message.Id,
            TenantId = message.TenantId,
            CreatedAt = message.CreatedAt,
            Spec = message.Spec,
            State = MessageState.Active,
            Retried = 0,
            NextAttemptAt = message.Spec.NotBefore,
        };

        if (_draining)
        {
            // Shutdown stopped waiting for this write: nothing is sent now, and the next start finds the lease orphaned
            // and delivers the message then.
            Interlocked.Decrement(ref _reserved);
            return;
        }

        // In flight before the reservation is returned, so the dispatcher never sees the slot as free twice.
        Start(new ClaimedMessage(stored, claim.LeaseToken, claim.LeaseExpiresAt));
        Interlocked.Decrement(ref _reserved);
    }

    public void Unreserve(int count)
    {
        if (count > 0)
        {
            Interlocked.Add(ref _reserved, -count);
            _wake.Set();
        }
    }

    /// <summary>At shutdown: stop taking hand-offs and wait (briefly) for the reserved ones to start or be given back.</summary>
    private async Task StopHandOffsAsync()
    {
        _accepting = false;
        var deadline = timeProvider.GetUtcNow() + ReservationDrainLimit;
        while (Volatile.Read(ref _reserved) > 0 && timeProvider.GetUtcNow() < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(5), timeProvider).ConfigureAwait(false);
        }

        _draining = true;
    }
}
