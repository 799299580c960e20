using Herald.Bench.Configuration;
using Herald.Bench.Load;
using Herald.Bench.Measuring;
using Herald.Bench.Receiving;

namespace Herald.Bench.Scenarios;

/// <summary>
/// 4. paced latency: an open-loop publisher at a fixed rate (1,000 msgs/s for 30 s), messages due now;
/// publish-to-receive latency p50/p99/max, measured from the moment each publish is dispatched.
/// </summary>
internal sealed class PacedScenario(BenchOptions options) : IScenario
{
    public string Name => ScenarioNames.Paced;

    public string Title => $"paced: {options.PacedRate:N0} msgs/s for {options.PacedDuration.TotalSeconds:0.#} s, open loop";

    public IReadOnlyList<MetricDefinition> Metrics { get; } =
    [
        new("p50_ms", "publish → receive latency p50", "ms", Target.AtMost(3, "ms")),
        new("p99_ms", "publish → receive latency p99", "ms", Target.AtMost(15, "ms")),
        new("max_ms", "publish → receive latency max", "ms"),
        new("publish_p99_ms", "publish latency p99", "ms"),
        new("dispatch_lag_p99_ms", "generator's lag behind schedule p99", "ms"),
        new(MetricKeys.Duplicates, "duplicates", "count", Target.Zero),
        new(MetricKeys.Lost, "lost", "count", Target.Zero),
        .. CommonMetrics.Cpu,
        .. CommonMetrics.Herald,
    ];

    public async Task<RunMetrics> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        var count = (int)Math.Round(options.PacedRate * options.PacedDuration.TotalSeconds);
        await using var session = await HeraldSession.StartAsync(context, count, 0, cancellationToken);
        await session.WarmupAsync(deliver: true, cancellationToken);
        var uri = session.PublishUri(BenchReceiver.HookPath);
        var cpu = CpuMeter.Start(session.Herald.ProcessId);
        var log = await PacedLoad.RunAsync(session.Client, options.PacedRate, options.PacedDuration, i => HeraldSession.Publish(uri, i), ResponseField.MessageId, cancellationToken);
        var cpuUse = cpu.Stop();
        var table = session.Receiver.Table;
        if (!await DeliveryAnalysis.DrainAsync(log, table, options.DrainTimeout, TimeSpan.FromSeconds(30), cancellationToken))
        {
            context.Notes.Add(context.Label, $"drain ended before every acknowledged message arrived ({table.UniqueAcked} of {log.SuccessCount()})");
        }

        var delivery = DeliveryAnalysis.Of(log, table);
        var metrics = new RunMetrics()
            .SetCpu(cpuUse)
            .Set("p50_ms", delivery.Latency.P50)
            .Set("p99_ms", delivery.Latency.P99)
            .Set("max_ms", delivery.Latency.Max)
            .Set("publish_p99_ms", log.Latency().P99)
            .Set("dispatch_lag_p99_ms", log.DispatchLag().P99)
            .Set(MetricKeys.Duplicates, delivery.Duplicates)
            .Set(MetricKeys.Lost, delivery.Lost);
        return await session.FinishAsync(metrics, log.FailureCount());
    }
}
