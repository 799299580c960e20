namespace Herald.Bench.Measuring;

/// <summary>Percentiles (nearest rank) of a set of latencies in milliseconds; NaN when there are none.</summary>
internal readonly record struct LatencySummary(int Count, double P50, double P99, double Max)
{
    public static LatencySummary Of(List<double> values)
    {
        if (values.Count == 0)
        {
            return new(0, double.NaN, double.NaN, double.NaN);
        }

        values.Sort();
        return new(values.Count, Percentile(values, 0.50), Percentile(values, 0.99), values[^1]);
    }

    /// <summary>The nearest-rank percentile of sorted values: the smallest value with at least q of the values at or below it.</summary>
    public static double Percentile(List<double> sorted, double q)
    {
        var rank = (int)Math.Ceiling(q * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }
}
