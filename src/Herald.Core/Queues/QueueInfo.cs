namespace Herald.Core.Queues;

/// <summary>A queue and how many of its messages are not finished yet (<see cref="Lag"/>).</summary>
public sealed record QueueInfo(string Name, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int Parallelism, bool Paused, long Lag);
