namespace Herald.Contracts.Wire;

/// <summary>A queue.</summary>
public sealed record QueueResponse
{
    /// <summary>The queue's name.</summary>
    public required string Name { get; init; }

    /// <summary>Creation time, Unix milliseconds.</summary>
    public required long CreatedAt { get; init; }

    /// <summary>Last change, Unix milliseconds.</summary>
    public required long UpdatedAt { get; init; }

    /// <summary>How many messages may be in progress at once.</summary>
    public required int Parallelism { get; init; }

    /// <summary>Messages not finished yet.</summary>
    public required long Lag { get; init; }

    /// <summary>Whether the queue is paused.</summary>
    public required bool Paused { get; init; }
}
