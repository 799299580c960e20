namespace Herald.Core.FlowControls;

/// <summary>A flow-control key: its limits, what is in flight and waiting, and the current rate window.</summary>
public sealed record FlowControlState
{
    public required string Key { get; init; }

    /// <summary>Messages with this key waiting to start.</summary>
    public required long WaitListSize { get; init; }

    public int? ParallelismMax { get; init; }

    public required int ParallelismCount { get; init; }

    public int? RateMax { get; init; }

    public required int RateCount { get; init; }

    public required TimeSpan RatePeriod { get; init; }

    public required DateTimeOffset RatePeriodStart { get; init; }

    public required bool IsPaused { get; init; }

    public required bool IsPinnedParallelism { get; init; }

    public required bool IsPinnedRate { get; init; }
}
