namespace Herald.Bench.Scenarios;

/// <summary>One benchmark scenario: its table rows and one measured run.</summary>
internal interface IScenario
{
    string Name { get; }

    /// <summary>The scenario column of the table, with its counts (<c>publish: 50,000 × 1 h delay</c>).</summary>
    string Title { get; }

    IReadOnlyList<MetricDefinition> Metrics { get; }

    Task<RunMetrics> RunAsync(ScenarioContext context, CancellationToken cancellationToken);
}
