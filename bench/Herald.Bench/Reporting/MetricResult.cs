namespace Herald.Bench.Reporting;

/// <summary>One metric over the runs of a scenario: median, range, every value, and the target's verdict.</summary>
internal sealed record MetricResult
{
    public required string Key { get; init; }

    public required string Label { get; init; }

    public required string Unit { get; init; }

    public required double? Median { get; init; }

    public required double? Min { get; init; }

    public required double? Max { get; init; }

    /// <summary>Every run's value (null where a run could not measure it).</summary>
    public required List<double?> Values { get; init; }

    /// <summary>The target as text (<c>≤ 10 ms</c>, <c>≥ 90 % of direct</c>), null without one.</summary>
    public required string? Target { get; init; }

    /// <summary>For ratio targets: this median over the denominator's median.</summary>
    public required double? Ratio { get; init; }

    /// <summary>Whether the median meets the target; null without a target or without numbers.</summary>
    public required bool? Pass { get; init; }

    /// <summary>Whether the table shows the row (error counters appear only when they counted something).</summary>
    public required bool Shown { get; init; }
}
