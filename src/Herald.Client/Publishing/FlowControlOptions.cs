namespace Herald.Client.Publishing;

/// <summary>
/// Limits shared by every message with the same <see cref="Key"/>, whatever its destination: at most
/// <see cref="Parallelism"/> attempts in flight and at most <see cref="Rate"/> attempts started per
/// <see cref="Period"/>. Give at least one of <see cref="Parallelism"/> and <see cref="Rate"/>.
/// </summary>
public sealed record FlowControlOptions
{
    /// <summary>The flow-control key (<c>Upstash-Flow-Control-Key</c>).</summary>
    public required string Key { get; init; }

    /// <summary>Most attempts in flight at once.</summary>
    public int? Parallelism { get; init; }

    /// <summary>Most attempts started per <see cref="Period"/>.</summary>
    public int? Rate { get; init; }

    /// <summary>The rate's period. Default on the server: one second.</summary>
    public TimeSpan? Period { get; init; }
}
