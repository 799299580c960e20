using Herald.Core.Messages;

namespace Herald.Core.Storage;

/// <summary>Messages waiting for delivery, in flight, and recently delivered.</summary>
public interface IMessageStore
{
    /// <summary>
    /// Stores every message in one durable transaction and writes a CREATED event for each. A message whose
    /// <see cref="NewMessage.DedupKey"/> matches an unexpired key of the same tenant is not stored; its outcome
    /// carries the id of the message that holds the key. Returns one outcome per input, in order, only after the
    /// transaction is durable. A message with a <see cref="NewMessage.Claim"/> is stored ACTIVE under that lease, with
    /// an ACTIVE event after its CREATED one, exactly as if <see cref="ClaimDueAsync"/> had claimed it at once.
    /// </summary>
    Task<IReadOnlyList<PublishOutcome>> PublishAsync(IReadOnlyList<NewMessage> messages, CancellationToken cancellationToken);

    /// <summary>
    /// Claims up to <paramref name="limit"/> due messages (CREATED or RETRY with next attempt at or before
    /// <paramref name="now"/>), oldest due first: sets ACTIVE, a fresh lease token and a lease that expires at
    /// now + the message's timeout + <paramref name="leaseMargin"/>, and writes an ACTIVE event for each.
    /// Also returns the earliest next attempt time among the messages still pending after the claim (at or before
    /// <paramref name="now"/> when more were due than <paramref name="limit"/>), or null when none is pending.
    /// </summary>
    Task<ClaimResult> ClaimDueAsync(DateTimeOffset now, int limit, TimeSpan leaseMargin, CancellationToken cancellationToken);

    /// <summary>
    /// Records attempt outcomes, each only if the message still holds the completion's lease token (fencing); a
    /// stale completion changes nothing and reports <see cref="CompletionStatus.Stale"/>. Delivered: DELIVERED.
    /// Retry: ERROR then RETRY with the next attempt time. Failed: ERROR then FAILED, and the message moves to the
    /// DLQ. A message in CANCEL_REQUESTED ends CANCELED (after an ERROR event for the attempt, and without its
    /// follow-ups) unless the attempt delivered it.
    /// </summary>
    Task<IReadOnlyList<CompletionStatus>> CompleteAsync(IReadOnlyList<AttemptCompletion> completions, CancellationToken cancellationToken);

    /// <summary>
    /// Returns messages whose lease expired (the node that claimed them died or stalled) to RETRY, due now, counting
    /// the interrupted attempt; CANCEL_REQUESTED ones end CANCELED. Returns how many were rescued.
    /// </summary>
    Task<int> RescueExpiredLeasesAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        RescueExpiredLeasesAsync(now, [], cancellationToken);

    /// <summary>
    /// As <see cref="RescueExpiredLeasesAsync(DateTimeOffset, CancellationToken)"/>, except the leases in
    /// <paramref name="heldLeaseTokens"/>: attempts of this node that are still running. Their leases only look
    /// expired when the wall clock jumped forward; rescuing them would deliver the message twice.
    /// </summary>
    Task<int> RescueExpiredLeasesAsync(DateTimeOffset now, IReadOnlyCollection<long> heldLeaseTokens, CancellationToken cancellationToken);

    /// <summary>
    /// Gives claimed messages back without counting an attempt (graceful shutdown), fenced by lease token;
    /// CANCEL_REQUESTED ones end CANCELED. Returns how many were released.
    /// </summary>
    Task<int> ReleaseAsync(IReadOnlyList<LeaseRef> leases, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>A message of the tenant that is pending, in flight or delivered within retention; null otherwise.</summary>
    Task<Message?> GetAsync(string tenantId, string messageId, CancellationToken cancellationToken);

    /// <summary>
    /// Cancels pending messages of the tenant that match <paramref name="filter"/> (at most <paramref name="limit"/>
    /// when given). CREATED and RETRY end CANCELED at once; ACTIVE become CANCEL_REQUESTED and are listed in
    /// <see cref="CancelResult.InFlight"/> so the engine can abort their attempts.
    /// </summary>
    Task<CancelResult> CancelAsync(string tenantId, QueryFilter filter, int? limit, DateTimeOffset now, CancellationToken cancellationToken);
}
