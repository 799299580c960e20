using System.Globalization;

namespace Herald.Bench.Scenarios;

/// <summary>A target from the issue, judged on the median of the runs.</summary>
internal sealed record Target(TargetKind Kind, double Value, string Text, string? Scenario = null, string? Metric = null)
{
    public static Target Zero { get; } = new(TargetKind.AtMost, 0, "= 0");

    public static Target AtMost(double value, string unit, string? note = null) =>
        new(TargetKind.AtMost, value, string.Create(CultureInfo.InvariantCulture, $"≤ {value} {unit}{note}"));

    /// <summary>At least <paramref name="fraction"/> of <paramref name="scenario"/>'s median <paramref name="metric"/>.</summary>
    public static Target RatioOf(string scenario, string metric, double fraction) =>
        new(TargetKind.RatioAtLeast, fraction, string.Create(CultureInfo.InvariantCulture, $"≥ {fraction * 100:0} % of {scenario}"), scenario, metric);
}
