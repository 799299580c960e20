namespace Herald.Bench.Scenarios;

/// <summary>Rows every Herald scenario has, shown only when something went wrong.</summary>
internal static class CommonMetrics
{
    public static MetricDefinition FailedRequests { get; } =
        new(MetricKeys.FailedRequests, "failed requests (no 2xx answer)", "count", Target.Zero, ShowOnlyWhenNonZero: true);

    /// <summary>CPU use over the measured phase (not over warmup, start or drain settle).</summary>
    public static IReadOnlyList<MetricDefinition> Cpu { get; } =
    [
        new(MetricKeys.HeraldCpu, "Herald CPU (cores busy)", "cores"),
        new(MetricKeys.HarnessCpu, "harness CPU: generator + receiver (cores busy)", "cores"),
    ];

    public static IReadOnlyList<MetricDefinition> Herald { get; } =
    [
        FailedRequests,
        new(MetricKeys.HeraldErrors, "errors in Herald's log", "count", Target.Zero, ShowOnlyWhenNonZero: true),
        new(MetricKeys.HeraldWarnings, "warnings in Herald's log", "count", ShowOnlyWhenNonZero: true),
    ];
}
