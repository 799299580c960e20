namespace Herald.AspNetCore.Idempotency;

/// <summary>The outcome of claiming a message id in an <see cref="IIdempotencyStore"/>.</summary>
public sealed class IdempotencyClaim
{
    private IdempotencyClaim(IdempotencyClaimStatus status, string? token)
    {
        Status = status;
        Token = token;
    }

    /// <summary>The key is already marked processed.</summary>
    public static IdempotencyClaim Completed { get; } = new(IdempotencyClaimStatus.Completed, null);

    /// <summary>Another caller holds the key.</summary>
    public static IdempotencyClaim InProgress { get; } = new(IdempotencyClaimStatus.InProgress, null);

    /// <summary>What the store answered.</summary>
    public IdempotencyClaimStatus Status { get; }

    /// <summary>
    /// When <see cref="Status"/> is <see cref="IdempotencyClaimStatus.Acquired"/>: the token that proves ownership, to pass to
    /// <see cref="IIdempotencyStore.CompleteAsync"/> or <see cref="IIdempotencyStore.ReleaseAsync"/>; otherwise
    /// <see langword="null"/>.
    /// </summary>
    public string? Token { get; }

    /// <summary>The key is now held by the caller.</summary>
    /// <param name="token">A value unique to this claim.</param>
    /// <returns>An acquired claim.</returns>
    public static IdempotencyClaim Acquired(string token)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        return new IdempotencyClaim(IdempotencyClaimStatus.Acquired, token);
    }
}
