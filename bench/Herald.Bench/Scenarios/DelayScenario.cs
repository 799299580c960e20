using System.Globalization;
using Herald.Bench.Configuration;
using Herald.Bench.Load;
using Herald.Bench.Measuring;
using Herald.Bench.Receiving;

namespace Herald.Bench.Scenarios;

/// <summary>
/// 6. delay accuracy: messages with <c>Upstash-Delay</c> spread uniformly (seeded, so every run is the same) over
/// 10 s in milliseconds, published as fast as the clients go. Lateness is the receiver's wall-clock time of the
/// first 2xx minus the <c>notBefore</c> Herald stored (read back with <c>GET /v2/messages/{id}</c> after the drain).
/// </summary>
internal sealed class DelayScenario(BenchOptions options) : IScenario
{
    private const int Seed = 20_240_601;

    public string Name => ScenarioNames.Delay;

    public string Title => $"delay accuracy: {options.DelayMessages:N0} delays over {options.DelaySpread.TotalSeconds:0.#} s";

    public IReadOnlyList<MetricDefinition> Metrics { get; } =
    [
        new("late_p50_ms", "lateness (receive − not-before) p50", "ms"),
        new("late_p99_ms", "lateness (receive − not-before) p99", "ms", Target.AtMost(20, "ms")),
        new("late_max_ms", "lateness max", "ms"),
        new("early", "delivered before not-before", "count", Target.Zero),
        new(MetricKeys.Lost, "lost", "count", Target.Zero),
        .. CommonMetrics.Herald,
    ];

    public async Task<RunMetrics> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        var count = options.DelayMessages;
        var spreadMs = Math.Max(1, (int)options.DelaySpread.TotalMilliseconds);
        var random = new Random(Seed);
        var delays = Enumerable.Range(0, count).Select(_ => random.Next(1, spreadMs + 1)).ToArray();

        await using var session = await HeraldSession.StartAsync(context, count, 0, cancellationToken);
        await session.WarmupAsync(deliver: true, cancellationToken);
        var uri = session.PublishUri(BenchReceiver.HookPath);
        var log = await ClosedLoopLoad.RunAsync(
            session.Client,
            count,
            options.Clients,
            i => HeraldSession.Publish(uri, i, delays[i].ToString(CultureInfo.InvariantCulture) + "ms"),
            ResponseField.MessageId,
            cancellationToken);
        var table = session.Receiver.Table;
        if (!await DeliveryAnalysis.DrainAsync(log, table, options.DrainTimeout + options.DelaySpread, TimeSpan.FromSeconds(30) + options.DelaySpread, cancellationToken))
        {
            context.Notes.Add(context.Label, $"drain ended before every acknowledged message arrived ({table.UniqueAcked} of {log.SuccessCount()})");
        }

        var delivery = DeliveryAnalysis.Of(log, table);
        var delivered = Enumerable.Range(0, log.Count)
            .Where(i => log.MessageIds[i] is { } id && table.TryGet(id, out var r) && r.Acknowledged > 0)
            .ToArray();
        var reads = await ClosedLoopLoad.RunAsync(
            session.Client,
            delivered.Length,
            options.Clients,
            i => new HttpRequestMessage(HttpMethod.Get, new Uri(session.Herald.BaseAddress, "/v2/messages/" + log.MessageIds[delivered[i]])),
            ResponseField.NotBefore,
            cancellationToken);

        var lateness = new List<double>(delivered.Length);
        var early = 0;
        for (var i = 0; i < delivered.Length; i++)
        {
            if (!reads.IsSuccess(i))
            {
                continue;
            }

            table.TryGet(log.MessageIds[delivered[i]]!, out var receipt);
            var late = receipt.FirstAckedWallMs - reads.NotBefore[i];
            lateness.Add(late);
            if (late < 0)
            {
                early++;
            }
        }

        if (lateness.Count < delivered.Length)
        {
            context.Notes.Add(context.Label, $"notBefore could not be read for {delivered.Length - lateness.Count} of {delivered.Length} delivered messages; they are left out of the lateness");
        }

        var summary = LatencySummary.Of(lateness);
        var metrics = new RunMetrics()
            .Set("late_p50_ms", summary.P50)
            .Set("late_p99_ms", summary.P99)
            .Set("late_max_ms", summary.Max)
            .Set("early", early)
            .Set(MetricKeys.Lost, delivery.Lost);
        return await session.FinishAsync(metrics, log.FailureCount());
    }
}
