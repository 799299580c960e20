using System.Globalization;
using Herald.Bench.Configuration;
using Herald.Bench.Load;
using Herald.Bench.Measuring;
using Herald.Bench.Receiving;

namespace Herald.Bench.Scenarios;

/// <summary>
/// 3. end-to-end burst: messages due now, published as fast as the clients go; msgs/s from the first publish to
/// the last delivery, publish-to-receive latency, duplicates and lost.
/// 5. retries: the same with a fraction of first attempts answered 500 and <c>Upstash-Retry-Delay: 100</c> (ms).
/// </summary>
internal sealed class BurstScenario : IScenario
{
    private const string RetryDelay = "100";
    private readonly BenchOptions _options;
    private readonly double _failFraction;

    private BurstScenario(BenchOptions options, double failFraction, string name, string title, IReadOnlyList<MetricDefinition> metrics)
    {
        _options = options;
        _failFraction = failFraction;
        Name = name;
        Title = title;
        Metrics = metrics;
    }

    public string Name { get; }

    public string Title { get; }

    public IReadOnlyList<MetricDefinition> Metrics { get; }

    public static BurstScenario Burst(BenchOptions options) => new(
        options,
        0,
        ScenarioNames.Burst,
        $"end-to-end burst: {options.Messages:N0} due now",
        [
            new(MetricKeys.MsgsPerSecond, "msgs/s, first publish → last delivery", "msgs/s", Target.RatioOf(ScenarioNames.Direct, MetricKeys.MsgsPerSecond, 0.50)),
            new("publish_msgs_per_s", "publish msgs/s (while delivering)", "msgs/s"),
            new("delivery_p50_ms", "publish → receive latency p50", "ms"),
            new("delivery_p99_ms", "publish → receive latency p99", "ms"),
            new(MetricKeys.Duplicates, "duplicates", "count", Target.Zero),
            new(MetricKeys.Lost, "lost", "count", Target.Zero),
            .. CommonMetrics.Cpu,
            .. CommonMetrics.Herald,
        ]);

    public static BurstScenario Retries(BenchOptions options) => new(
        options,
        options.FailFraction,
        ScenarioNames.Retries,
        string.Create(CultureInfo.InvariantCulture, $"retries: burst with {options.FailFraction * 100:0.#} % of first attempts → 500, retry delay 100 ms"),
        [
            new(MetricKeys.MsgsPerSecond, "msgs/s, first publish → last delivery", "msgs/s", Target.RatioOf(ScenarioNames.Burst, MetricKeys.MsgsPerSecond, 0.80)),
            new("delivery_p99_ms", "publish → receive latency p99", "ms"),
            new("failed_first_attempts", "first attempts answered 500", "count"),
            new(MetricKeys.Duplicates, "duplicates", "count", Target.Zero),
            new(MetricKeys.Lost, "lost", "count", Target.Zero),
            .. CommonMetrics.Herald,
        ]);

    public async Task<RunMetrics> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        await using var session = await HeraldSession.StartAsync(context, _options.Messages, _failFraction, cancellationToken);
        await session.WarmupAsync(deliver: true, cancellationToken);
        var uri = session.PublishUri(BenchReceiver.HookPath);
        var retryDelay = _failFraction > 0 ? RetryDelay : null;
        var cpu = CpuMeter.Start(session.Herald.ProcessId);
        var log = await ClosedLoopLoad.RunAsync(session.Client, _options.Messages, _options.Clients, i => HeraldSession.Publish(uri, i, retryDelay: retryDelay), ResponseField.MessageId, cancellationToken);
        var table = session.Receiver.Table;
        var complete = await DeliveryAnalysis.DrainAsync(log, table, _options.DrainTimeout, TimeSpan.FromSeconds(30), cancellationToken);
        var cpuUse = cpu.Stop();
        if (!complete)
        {
            context.Notes.Add(context.Label, $"drain ended before every acknowledged message arrived ({table.UniqueAcked} of {log.SuccessCount()})");
        }

        var delivery = DeliveryAnalysis.Of(log, table);
        if (delivery.Unexpected > 0)
        {
            context.Notes.Add(context.Label, $"{delivery.Unexpected} ids received that no publish acknowledged");
        }

        var metrics = new RunMetrics()
            .SetCpu(cpuUse)
            .Set(MetricKeys.MsgsPerSecond, delivery.Throughput)
            .Set("publish_msgs_per_s", log.Throughput())
            .Set("delivery_p50_ms", delivery.Latency.P50)
            .Set("delivery_p99_ms", delivery.Latency.P99)
            .Set("failed_first_attempts", table.FailedFirstAttempts)
            .Set(MetricKeys.Duplicates, delivery.Duplicates)
            .Set(MetricKeys.Lost, delivery.Lost);
        return await session.FinishAsync(metrics, log.FailureCount());
    }
}
