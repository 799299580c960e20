namespace Herald.Bench.Scenarios;

/// <summary>Metric ids shared by several scenarios (and read by the tests).</summary>
internal static class MetricKeys
{
    public const string MsgsPerSecond = "msgs_per_s";
    public const string Lost = "lost";
    public const string Duplicates = "duplicates";
    public const string FailedRequests = "failed_requests";
    public const string HeraldErrors = "herald_log_errors";
    public const string HeraldWarnings = "herald_log_warnings";
    public const string HeraldCpu = "herald_cpu_cores";
    public const string HarnessCpu = "harness_cpu_cores";

    /// <summary>CPU cores other processes kept busy during a run (not a table row; in the JSON and the notes).</summary>
    public const string BackgroundCpuCores = "background_cpu_cores";
}
