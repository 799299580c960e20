namespace Herald.Bench.Reporting;

/// <summary>A scenario's rows.</summary>
internal sealed record ScenarioResult
{
    public required string Name { get; init; }

    public required string Title { get; init; }

    public required int Runs { get; init; }

    public required List<MetricResult> Metrics { get; init; }

    /// <summary>Per run: CPU cores other processes on the machine kept busy meanwhile (0 on a quiet machine).</summary>
    public required List<double?> BackgroundCpuCores { get; init; }
}
