namespace Herald.Contracts.Wire;

/// <summary>The body of <c>POST /v2/queues</c> (create or update).</summary>
public sealed record QueueRequest
{
    /// <summary>The queue's name.</summary>
    public string? QueueName { get; init; }

    /// <summary>How many messages may be in progress at once (default 1).</summary>
    public int? Parallelism { get; init; }

    /// <summary>Whether the queue is paused (default false: an upsert resumes).</summary>
    public bool? Paused { get; init; }
}
