namespace Herald.AspNetCore.Idempotency;

/// <summary>The answer of <see cref="IIdempotencyStore.TryClaimAsync"/>.</summary>
public enum IdempotencyClaimStatus
{
    /// <summary>The key was free and is now held by the caller, with <see cref="IdempotencyClaim.Token"/>: run the handler.</summary>
    Acquired,

    /// <summary>The message was already processed: do not run the handler again.</summary>
    Completed,

    /// <summary>Another delivery of the message holds the key and is still running.</summary>
    InProgress,
}
