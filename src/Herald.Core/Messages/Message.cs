namespace Herald.Core.Messages;

/// <summary>A stored message: its spec and where it is in its lifecycle.</summary>
public sealed record Message
{
    public required string Id { get; init; }

    public required string TenantId { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required MessageSpec Spec { get; init; }

    public required MessageState State { get; init; }

    /// <summary>Attempts made so far (completed or interrupted); the next attempt is sent with this as <c>Upstash-Retried</c>.</summary>
    public required int Retried { get; init; }

    public required DateTimeOffset NextAttemptAt { get; init; }
}
