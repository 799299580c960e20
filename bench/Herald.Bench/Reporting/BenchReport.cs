namespace Herald.Bench.Reporting;

/// <summary>The JSON results file (<c>bench/results/latest.json</c>): the same numbers as the Markdown table, and more.</summary>
internal sealed record BenchReport
{
    public required int Schema { get; init; }

    /// <summary>UTC, ISO 8601.</summary>
    public required string StartedAt { get; init; }

    public required double DurationSeconds { get; init; }

    public required MachineFacts Machine { get; init; }

    public required BenchSettings Settings { get; init; }

    public required List<ScenarioResult> Scenarios { get; init; }

    /// <summary>Herald log warnings and errors, load-generator failures, anything odd.</summary>
    public required List<string> Notes { get; init; }

    /// <summary>The Markdown table as printed.</summary>
    public required string Table { get; init; }
}
