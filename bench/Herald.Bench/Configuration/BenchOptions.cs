namespace Herald.Bench.Configuration;

/// <summary>Everything one benchmark run needs, resolved from the command line.</summary>
internal sealed record BenchOptions
{
    public required BenchMode Mode { get; init; }

    public required IReadOnlyList<string> Scenarios { get; init; }

    /// <summary>Concurrent keep-alive connections of the closed-loop load generator.</summary>
    public required int Clients { get; init; }

    public required int Repeat { get; init; }

    /// <summary>Messages of the direct, publish, burst and retries scenarios.</summary>
    public required int Messages { get; init; }

    /// <summary>Requests sent before each measured run (JIT, connection pools), never measured.</summary>
    public required int Warmup { get; init; }

    public required int PacedRate { get; init; }

    public required TimeSpan PacedDuration { get; init; }

    public required int DelayMessages { get; init; }

    public required TimeSpan DelaySpread { get; init; }

    public required int BacklogMessages { get; init; }

    /// <summary>The fraction of first attempts the receiver answers 500 in the retries scenario.</summary>
    public required double FailFraction { get; init; }

    /// <summary>The longest wait for acknowledged messages to arrive before the rest count as lost.</summary>
    public required TimeSpan DrainTimeout { get; init; }

    public required string OutputPath { get; init; }

    public required string HeraldDll { get; init; }

    /// <summary>Extra Herald settings (<c>Delivery:MaxConcurrency=512</c>) written into the generated config file.</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> ConfigOverrides { get; init; }

    public required bool KeepData { get; init; }

    /// <summary>Before each run, wait up to this long for other processes to leave the CPUs alone (zero: don't).</summary>
    public required TimeSpan WaitQuiet { get; init; }
}
