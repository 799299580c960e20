using Herald.Bench.Configuration;
using Herald.Bench.Load;
using Herald.Bench.Receiving;

namespace Herald.Bench.Scenarios;

/// <summary>
/// 1. direct: the load generator posts the same 1 KiB bodies straight to the receiver (no Herald), with the same
/// client setup. The one-hop limit of this machine and the denominator of every throughput ratio.
/// </summary>
internal sealed class DirectScenario(BenchOptions options) : IScenario
{
    public string Name => ScenarioNames.Direct;

    public string Title => $"direct: {options.Messages:N0} posts to the receiver, no Herald";

    public IReadOnlyList<MetricDefinition> Metrics { get; } =
    [
        new(MetricKeys.MsgsPerSecond, "msgs/s (one-hop limit, the ratios' denominator)", "msgs/s"),
        new("p50_ms", "request latency p50", "ms"),
        new("p99_ms", "request latency p99", "ms"),
        CommonMetrics.FailedRequests,
    ];

    public async Task<RunMetrics> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        await using var receiver = await BenchReceiver.StartAsync(options.Messages, 0, cancellationToken);
        using var client = new LoadClient(receiver.BaseAddress, options.Clients, bearerToken: null);
        var warmup = new Uri(receiver.BaseAddress, BenchReceiver.WarmupPath);
        var hook = new Uri(receiver.BaseAddress, BenchReceiver.HookPath);
        await ClosedLoopLoad.RunAsync(client, options.Warmup, options.Clients, i => LoadClient.Post(warmup, MessageBody.Create(i)), ResponseField.None, cancellationToken);

        var log = await ClosedLoopLoad.RunAsync(
            client,
            options.Messages,
            options.Clients,
            i =>
            {
                var request = LoadClient.Post(hook, MessageBody.Create(i));
                request.Headers.TryAddWithoutValidation(BenchReceiver.MessageIdHeader, $"direct_{i}");
                return request;
            },
            ResponseField.None,
            cancellationToken);

        foreach (var error in client.Errors)
        {
            context.Notes.Add(context.Label, "load generator: " + error);
        }

        var latency = log.Latency();
        return new RunMetrics()
            .Set(MetricKeys.MsgsPerSecond, log.Throughput())
            .Set("p50_ms", latency.P50)
            .Set("p99_ms", latency.P99)
            .Set(MetricKeys.FailedRequests, log.FailureCount());
    }
}
