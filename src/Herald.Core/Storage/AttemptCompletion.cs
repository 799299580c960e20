using Herald.Core.Delivery;
using Herald.Core.Messages;

namespace Herald.Core.Storage;

/// <summary>The outcome of one attempt and what follows from it.</summary>
public sealed record AttemptCompletion
{
    public required string MessageId { get; init; }

    public required long LeaseToken { get; init; }

    public required AttemptResult Result { get; init; }

    public required DateTimeOffset CompletedAt { get; init; }

    /// <summary>Delivered, Retry or Failed.</summary>
    public required MessageState Decision { get; init; }

    /// <summary>For <see cref="MessageState.Retry"/>: when the next attempt is due.</summary>
    public DateTimeOffset? NextAttemptAt { get; init; }

    /// <summary>For <see cref="MessageState.Failed"/>: the id of the new DLQ entry.</summary>
    public string? DlqId { get; init; }

    /// <summary>Messages created by this outcome (callbacks), stored in the same transaction.</summary>
    public IReadOnlyList<NewMessage> FollowUps { get; init; } = [];
}
