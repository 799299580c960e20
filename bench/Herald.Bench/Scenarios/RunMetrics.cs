namespace Herald.Bench.Scenarios;

/// <summary>The numbers one run of a scenario measured, by metric key (NaN = not measured).</summary>
internal sealed class RunMetrics
{
    private readonly Dictionary<string, double> _values = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, double> Values => _values;

    public RunMetrics Set(string key, double value)
    {
        _values[key] = value;
        return this;
    }

    /// <summary>Sets Herald's and the harness's CPU cores from a finished <see cref="Measuring.CpuMeter"/>.</summary>
    public RunMetrics SetCpu((double Herald, double Harness) cpu) =>
        Set(MetricKeys.HeraldCpu, cpu.Herald).Set(MetricKeys.HarnessCpu, cpu.Harness);

    public double Get(string key) => _values.TryGetValue(key, out var value) ? value : double.NaN;
}
