namespace Herald.Core.Messages;

/// <summary>A message to store. When <see cref="DedupKey"/> is set, an unexpired message with the same key wins.</summary>
public sealed record NewMessage
{
    public required string Id { get; init; }

    public required string TenantId { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required MessageSpec Spec { get; init; }

    public string? DedupKey { get; init; }

    public DateTimeOffset DedupExpiresAt { get; init; }

    /// <summary>
    /// When set, the message is stored already claimed under this lease (state ACTIVE, CREATED then ACTIVE events)
    /// because the engine of this node delivers it at once. Only for messages due now outside queues and flow control.
    /// </summary>
    public Storage.PublishClaim? Claim { get; init; }
}
