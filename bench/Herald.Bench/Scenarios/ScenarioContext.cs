using Herald.Bench.Configuration;
using Herald.Bench.Reporting;

namespace Herald.Bench.Scenarios;

/// <summary>What a scenario run gets: the options, where to print progress, and the shared notes of the invocation.</summary>
internal sealed record ScenarioContext(BenchOptions Options, TextWriter Progress, BenchNotes Notes, string Label)
{
    public void Say(string line) => Progress.WriteLine($"[{Label}] {line}");
}
