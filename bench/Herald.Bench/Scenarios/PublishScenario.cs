using Herald.Bench.Configuration;
using Herald.Bench.Load;
using Herald.Bench.Measuring;
using Herald.Bench.Receiving;

namespace Herald.Bench.Scenarios;

/// <summary>
/// 2. publish: messages with a 1-hour delay (nothing is delivered during the run), so only the durable publish path
/// is measured: msgs/s from the first request to the last answer, and the per-request latency.
/// </summary>
internal sealed class PublishScenario(BenchOptions options) : IScenario
{
    public string Name => ScenarioNames.Publish;

    public string Title => $"publish: {options.Messages:N0} × 1 h delay";

    public IReadOnlyList<MetricDefinition> Metrics { get; } =
    [
        new(MetricKeys.MsgsPerSecond, "publish msgs/s", "msgs/s", Target.RatioOf(ScenarioNames.Direct, MetricKeys.MsgsPerSecond, 0.90)),
        new("p50_ms", "publish latency p50", "ms"),
        new("p99_ms", "publish latency p99", "ms", Target.AtMost(10, "ms", options.Clients == 32 ? null : " (set for 32 clients)")),
        .. CommonMetrics.Cpu,
        .. CommonMetrics.Herald,
    ];

    public async Task<RunMetrics> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        await using var session = await HeraldSession.StartAsync(context, 1024, 0, cancellationToken);
        await session.WarmupAsync(deliver: false, cancellationToken);
        var uri = session.PublishUri(BenchReceiver.HookPath);
        var cpu = CpuMeter.Start(session.Herald.ProcessId);
        var log = await ClosedLoopLoad.RunAsync(session.Client, options.Messages, options.Clients, i => HeraldSession.Publish(uri, i, "1h"), ResponseField.MessageId, cancellationToken);

        var latency = log.Latency();
        var metrics = new RunMetrics()
            .SetCpu(cpu.Stop())
            .Set(MetricKeys.MsgsPerSecond, log.Throughput())
            .Set("p50_ms", latency.P50)
            .Set("p99_ms", latency.P99);
        if (session.Receiver.Table.Count > 0)
        {
            context.Notes.Add(context.Label, $"{session.Receiver.Table.Count} messages published with a 1 h delay were delivered during the run");
        }

        return await session.FinishAsync(metrics, log.FailureCount());
    }
}
