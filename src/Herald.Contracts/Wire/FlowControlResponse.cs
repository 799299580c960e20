namespace Herald.Contracts.Wire;

/// <summary>A flow-control key's limits and state.</summary>
public sealed record FlowControlResponse
{
    /// <summary>The key.</summary>
    public required string FlowControlKey { get; init; }

    /// <summary>Messages waiting to start.</summary>
    public required long WaitListSize { get; init; }

    /// <summary>Most attempts in flight at once (absent: unlimited).</summary>
    public int? ParallelismMax { get; init; }

    /// <summary>Attempts in flight now.</summary>
    public required int ParallelismCount { get; init; }

    /// <summary>Most attempts started per period (absent: unlimited).</summary>
    public int? RateMax { get; init; }

    /// <summary>Attempts started in the current period.</summary>
    public required int RateCount { get; init; }

    /// <summary>The rate period in seconds.</summary>
    public required long RatePeriod { get; init; }

    /// <summary>Start of the current rate period, Unix seconds.</summary>
    public required long RatePeriodStart { get; init; }

    /// <summary>Whether the key is paused.</summary>
    public required bool IsPaused { get; init; }

    /// <summary>Whether the parallelism is pinned.</summary>
    public required bool IsPinnedParallelism { get; init; }

    /// <summary>Whether the rate is pinned.</summary>
    public required bool IsPinnedRate { get; init; }
}
