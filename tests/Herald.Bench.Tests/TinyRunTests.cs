using System.Text.Json;
using Herald.Bench.Configuration;

namespace Herald.Bench.Tests;

/// <summary>
/// Keeps the harness working: a <c>--tiny</c> run of every scenario against the real herald executable must
/// complete, print one table with every scenario and write the JSON. Speed is never asserted.
/// </summary>
public sealed class TinyRunTests
{
    private static readonly string[] MetricFields = ["key", "label", "unit", "median", "min", "max", "values", "target", "ratio", "pass", "shown"];

    [Fact]
    public async Task Tiny_RunsEveryScenario_PrintsOneTableAndWritesTheJson()
    {
        var outDir = Path.Combine(Path.GetTempPath(), "herald-bench-test-" + Guid.NewGuid().ToString("N"));
        try
        {
            await RunTinyAndCheckAsync(Path.Combine(outDir, "latest.json"));
        }
        finally
        {
            if (Directory.Exists(outDir))
            {
                Directory.Delete(outDir, recursive: true);
            }
        }
    }

    private static async Task RunTinyAndCheckAsync(string outPath)
    {
        var output = new StringWriter();
        var progress = TextWriter.Synchronized(new StringWriter());

        var exitCode = await BenchApp.RunAsync(["--tiny", "--out", outPath], output, progress, TestContext.Current.CancellationToken);

        var printed = output.ToString();
        TestContext.Current.TestOutputHelper?.WriteLine(progress + Environment.NewLine + printed);
        Assert.True(exitCode == 0, $"exit code {exitCode}:\n{progress}\n{printed}");
        Assert.Single(printed.Split('\n'), l => l.StartsWith("| Scenario | Metric | Median |", StringComparison.Ordinal));
        foreach (var scenario in ScenarioNames.All)
        {
            Assert.Contains($"| **{scenario}**", printed, StringComparison.Ordinal);
        }

        Assert.Contains("Machine: ", printed, StringComparison.Ordinal);
        Assert.Contains("synchronous=FULL", printed, StringComparison.Ordinal);

        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(outPath, TestContext.Current.CancellationToken));
        var root = json.RootElement;
        Assert.Equal(1, root.GetProperty("schema").GetInt32());
        Assert.Equal("tiny", root.GetProperty("settings").GetProperty("mode").GetString());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("machine").GetProperty("cpu").GetString()));
        Assert.Equal("FULL", root.GetProperty("machine").GetProperty("sqliteSynchronous").GetString());
        Assert.Contains("| Scenario |", root.GetProperty("table").GetString(), StringComparison.Ordinal);

        var scenarios = root.GetProperty("scenarios").EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!, StringComparer.Ordinal);
        Assert.Equal(ScenarioNames.All, scenarios.Keys.ToList());
        foreach (var (name, scenario) in scenarios)
        {
            Assert.Equal(1, scenario.GetProperty("runs").GetInt32());
            var metrics = scenario.GetProperty("metrics").EnumerateArray().ToList();
            Assert.NotEmpty(metrics);
            foreach (var metric in metrics)
            {
                foreach (var field in MetricFields)
                {
                    Assert.True(metric.TryGetProperty(field, out _), $"{name}: metric without '{field}'");
                }
            }

            // Every scenario measured its first metric (no failed run).
            Assert.Equal(JsonValueKind.Number, metrics[0].GetProperty("median").ValueKind);
        }

        foreach (var delivering in new[] { ScenarioNames.Burst, ScenarioNames.Paced, ScenarioNames.Retries, ScenarioNames.Delay })
        {
            var lost = scenarios[delivering].GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("key").GetString() == "lost");
            Assert.Equal(0, lost.GetProperty("median").GetDouble());
        }
    }
}
