namespace Herald.Core.Queues;

/// <summary>
/// Queues: FIFO lanes. With parallelism N at most N of a queue's messages are started-but-unfinished (retries and
/// callbacks included) and they start in enqueue order. A paused queue accepts messages and starts none.
/// </summary>
public interface IQueueStore
{
    /// <summary>Creates or updates a queue.</summary>
    Task UpsertAsync(string tenantId, string name, int parallelism, bool paused, DateTimeOffset now, CancellationToken cancellationToken);

    Task<QueueInfo?> GetAsync(string tenantId, string name, CancellationToken cancellationToken);

    Task<IReadOnlyList<QueueInfo>> ListAsync(string tenantId, CancellationToken cancellationToken);

    /// <summary>Deletes the queue and cancels its unfinished messages. False when unknown.</summary>
    Task<bool> DeleteAsync(string tenantId, string name, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Pauses or resumes. False when unknown.</summary>
    Task<bool> SetPausedAsync(string tenantId, string name, bool paused, DateTimeOffset now, CancellationToken cancellationToken);
}
