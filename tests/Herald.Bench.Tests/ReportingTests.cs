using System.Text.Json.Nodes;
using Herald.Bench.Hosting;
using Herald.Bench.Reporting;
using Herald.Bench.Scenarios;

namespace Herald.Bench.Tests;

public sealed class ReportingTests
{
    [Fact]
    public void RatioTargets_AreJudgedOnMediansAgainstTheOtherScenario()
    {
        var direct = new FakeScenario("direct", new MetricDefinition(MetricKeys.MsgsPerSecond, "msgs/s", "msgs/s"));
        var publish = new FakeScenario(
            "publish",
            new MetricDefinition(MetricKeys.MsgsPerSecond, "msgs/s", "msgs/s", Target.RatioOf("direct", MetricKeys.MsgsPerSecond, 0.9)),
            new MetricDefinition("p99_ms", "p99", "ms", Target.AtMost(10, "ms")),
            new MetricDefinition(MetricKeys.FailedRequests, "failed", "count", Target.Zero, ShowOnlyWhenNonZero: true));

        var results = Summarizer.Summarize(
        [
            (direct, [Run(MetricKeys.MsgsPerSecond, 1000), Run(MetricKeys.MsgsPerSecond, 3000), Run(MetricKeys.MsgsPerSecond, 2000)]),
            (publish, [Run(MetricKeys.MsgsPerSecond, 1900).Set("p99_ms", 12).Set(MetricKeys.FailedRequests, 0), Run(MetricKeys.MsgsPerSecond, 1700).Set("p99_ms", 8).Set(MetricKeys.FailedRequests, 0), Run(MetricKeys.MsgsPerSecond, 1000).Set("p99_ms", 9).Set(MetricKeys.FailedRequests, 0)]),
        ]);

        var rate = results[1].Metrics[0];
        Assert.Equal(1700, rate.Median);
        Assert.Equal(0.85, rate.Ratio!.Value, 3);
        Assert.False(rate.Pass);
        Assert.True(results[1].Metrics[1].Pass);
        Assert.False(results[1].Metrics[2].Shown);

        var table = MarkdownTable.Render(results);
        Assert.Contains("| 1,700 | 1,000 – 1,900 | ≥ 90 % of direct | ❌ **FAIL** (85 %) |", table, StringComparison.Ordinal);
        Assert.Contains("| 9.00 ms | 8.00 ms – 12.0 ms | ≤ 10 ms | ✅ pass |", table, StringComparison.Ordinal);
        Assert.DoesNotContain("failed", table, StringComparison.Ordinal);
    }

    [Fact]
    public void TheConfigFile_HasTheDurableDefaults_AndTakesNestedOverrides()
    {
        var json = JsonNode.Parse(HeraldConfigFile.Create("t0ken", [new("Delivery:MaxConcurrency", "512"), new("Egress:AllowedNetworks:1", "10.0.0.0/8")]))!;

        Assert.Equal("127.0.0.1", json["Server"]!["Address"]!.GetValue<string>());
        Assert.Equal("t0ken", json["Tenants"]![0]!["Token"]!.GetValue<string>());
        Assert.Equal("Full", json["Storage"]!["Sqlite"]!["Synchronous"]!.GetValue<string>());
        Assert.Equal("512", json["Delivery"]!["MaxConcurrency"]!.GetValue<string>());
        Assert.Equal(["127.0.0.0/8", "10.0.0.0/8"], json["Egress"]!["AllowedNetworks"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    private static RunMetrics Run(string key, double value) => new RunMetrics().Set(key, value);

    private sealed class FakeScenario(string name, params MetricDefinition[] metrics) : IScenario
    {
        public string Name => name;

        public string Title => name;

        public IReadOnlyList<MetricDefinition> Metrics => metrics;

        public Task<RunMetrics> RunAsync(ScenarioContext context, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
