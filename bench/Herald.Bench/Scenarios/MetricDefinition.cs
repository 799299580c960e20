namespace Herald.Bench.Scenarios;

/// <summary>One row of the results table.</summary>
/// <param name="Key">Stable id in the JSON (<c>msgs_per_s</c>).</param>
/// <param name="Label">What the table shows (<c>msgs/s, first publish → last delivery</c>).</param>
/// <param name="Unit"><c>msgs/s</c>, <c>ms</c>, <c>s</c>, <c>MB</c> or <c>count</c>.</param>
/// <param name="Target">The target, when it sets one.</param>
/// <param name="ShowOnlyWhenNonZero">An error counter: shown in the table only when a run counted something.</param>
internal sealed record MetricDefinition(string Key, string Label, string Unit, Target? Target = null, bool ShowOnlyWhenNonZero = false);
