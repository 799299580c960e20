using Herald.Bench.Configuration;

namespace Herald.Bench.Scenarios;

/// <summary>The scenarios asked for, in the order.</summary>
internal static class ScenarioCatalog
{
    public static List<IScenario> Create(BenchOptions options)
    {
        var all = new IScenario[]
        {
            new DirectScenario(options),
            new PublishScenario(options),
            BurstScenario.Burst(options),
            new PacedScenario(options),
            BurstScenario.Retries(options),
            new DelayScenario(options),
            new BacklogScenario(options),
        };
        return all.Where(s => options.Scenarios.Contains(s.Name, StringComparer.Ordinal)).ToList();
    }
}
