namespace Herald.Bench.Reporting;

/// <summary>The counts and settings a result was measured with.</summary>
internal sealed record BenchSettings
{
    public required string Mode { get; init; }

    public required int Clients { get; init; }

    public required int Repeat { get; init; }

    public required int Messages { get; init; }

    public required int Warmup { get; init; }

    public required int PacedRate { get; init; }

    public required double PacedSeconds { get; init; }

    public required int DelayMessages { get; init; }

    public required double DelaySpreadSeconds { get; init; }

    public required int BacklogMessages { get; init; }

    public required double FailFraction { get; init; }

    public required double DrainTimeoutSeconds { get; init; }

    public required List<string> ConfigOverrides { get; init; }

    public required double WaitQuietSeconds { get; init; }
}
