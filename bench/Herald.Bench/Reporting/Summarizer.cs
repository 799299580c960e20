using Herald.Bench.Scenarios;

namespace Herald.Bench.Reporting;

/// <summary>Turns the runs into medians and ranges, then judges every target (ratios against the other scenarios' medians).</summary>
internal static class Summarizer
{
    public static List<ScenarioResult> Summarize(IReadOnlyList<(IScenario Scenario, List<RunMetrics> Runs)> measured)
    {
        var medians = new Dictionary<(string, string), double?>();
        foreach (var (scenario, runs) in measured)
        {
            foreach (var metric in scenario.Metrics)
            {
                medians[(scenario.Name, metric.Key)] = Median(Values(runs, metric.Key));
            }
        }

        return measured.Select(m => new ScenarioResult
        {
            Name = m.Scenario.Name,
            Title = m.Scenario.Title,
            Runs = m.Runs.Count,
            Metrics = m.Scenario.Metrics.Select(metric => Result(metric, Values(m.Runs, metric.Key), medians)).ToList(),
            BackgroundCpuCores = Values(m.Runs, MetricKeys.BackgroundCpuCores).Select(v => v is { } c ? Math.Round(c, 2) : v).ToList(),
        }).ToList();
    }

    public static double? Median(List<double?> values)
    {
        var known = values.OfType<double>().Order().ToList();
        if (known.Count == 0)
        {
            return null;
        }

        var middle = known.Count / 2;
        return known.Count % 2 == 1 ? known[middle] : (known[middle - 1] + known[middle]) / 2;
    }

    /// <summary>Each run's value, rounded to 3 decimals (plenty for ms, msgs/s and MB), null where not measured.</summary>
    private static List<double?> Values(List<RunMetrics> runs, string key) =>
        runs.Select(r => r.Get(key)).Select(v => double.IsNaN(v) || double.IsInfinity(v) ? (double?)null : Math.Round(v, 3)).ToList();

    private static MetricResult Result(MetricDefinition metric, List<double?> values, Dictionary<(string, string), double?> medians)
    {
        var known = values.OfType<double>().ToList();
        var median = Median(values);
        double? ratio = null;
        bool? pass = null;
        if (metric.Target is { } target && median is { } m)
        {
            switch (target.Kind)
            {
                case TargetKind.AtMost:
                    pass = m <= target.Value;
                    break;
                case TargetKind.RatioAtLeast when medians.GetValueOrDefault((target.Scenario!, target.Metric!)) is { } denominator && denominator > 0:
                    ratio = Math.Round(m / denominator, 4);
                    pass = ratio >= target.Value;
                    break;
            }
        }

        return new MetricResult
        {
            Key = metric.Key,
            Label = metric.Label,
            Unit = metric.Unit,
            Median = median,
            Min = known.Count == 0 ? null : known.Min(),
            Max = known.Count == 0 ? null : known.Max(),
            Values = values,
            Target = metric.Target?.Text,
            Ratio = ratio,
            Pass = pass,
            Shown = !metric.ShowOnlyWhenNonZero || known.Any(v => v != 0),
        };
    }
}
