using System.Net;
using Herald.Bench.Configuration;
using Herald.Bench.Load;
using Herald.Bench.Measuring;
using Herald.Bench.Receiving;

namespace Herald.Bench.Scenarios;

/// <summary>
/// 7. backlog: 1,000,000 messages delayed by an hour are published, plus one marker due 2 s later; Herald is stopped
/// (SIGTERM), the marker's due time passes, and Herald is started again on the same data directory. Measures peak
/// RSS while filling and after the restart, the database size, how long the stop took, and from the new process's
/// start: when the API answers (a message read) and when the first due message (the marker) is delivered.
/// </summary>
internal sealed class BacklogScenario(BenchOptions options) : IScenario
{
    private const int Chunk = 100_000;
    private static readonly TimeSpan MarkerDelay = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan RestartTimeout = TimeSpan.FromSeconds(120);

    public string Name => ScenarioNames.Backlog;

    public string Title => $"backlog: {options.BacklogMessages:N0} × 1 h delay, then restart";

    public IReadOnlyList<MetricDefinition> Metrics { get; } =
    [
        new("fill_msgs_per_s", "publish msgs/s while filling", "msgs/s"),
        new("peak_rss_mb", "peak RSS while filling (VmHWM)", "MB", Target.AtMost(500, "MB")),
        new("db_size_mb", "database size (db + WAL)", "MB"),
        new("stop_s", "stop (SIGTERM → exit)", "s"),
        new("api_up_s", "restart: start → API answers", "s", Target.AtMost(5, "s")),
        new("first_delivery_s", "restart: start → first due message delivered", "s"),
        new("restart_peak_rss_mb", "peak RSS after restart (VmHWM)", "MB", Target.AtMost(500, "MB")),
        .. CommonMetrics.Herald,
    ];

    public async Task<RunMetrics> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        await using var session = await HeraldSession.StartAsync(context, 1024, 0, cancellationToken);
        var uri = session.PublishUri(BenchReceiver.HookPath);

        var (published, failed, firstId, fillSeconds) = await FillAsync(context, session, uri, cancellationToken);
        var markerLog = await ClosedLoopLoad.RunAsync(session.Client, 1, 1, i => HeraldSession.Publish(uri, options.BacklogMessages + i, $"{MarkerDelay.TotalMilliseconds:0}ms"), ResponseField.MessageId, cancellationToken);
        var markerDue = Clock.Now() + Clock.Ticks(MarkerDelay);
        var markerId = markerLog.MessageIds[0] ?? throw new InvalidOperationException("the marker publish failed: " + string.Join("; ", session.Client.Errors));
        var fillMemory = session.Herald.Memory();
        var dbBytes = session.Workspace.DataSizeBytes();

        var stopping = Clock.Now();
        await session.StopHeraldAsync();
        var stopSeconds = Clock.Seconds(stopping, Clock.Now());
        var markerEarly = session.Receiver.Table.TryGet(markerId, out _);
        if (markerEarly)
        {
            context.Notes.Add(context.Label, "the marker was delivered before the restart (the stop took longer than its delay); no first-delivery time");
        }

        var wait = Clock.Seconds(Clock.Now(), markerDue) + 0.2;
        if (wait > 0)
        {
            await Task.Delay(TimeSpan.FromSeconds(wait), cancellationToken);
        }

        await session.StartHeraldAsync(cancellationToken);
        var started = session.Herald.StartedAt;
        var apiUp = await WaitForApiAsync(session, firstId, cancellationToken);
        var delivered = markerEarly ? double.NaN : await WaitForDeliveryAsync(session.Receiver.Table, markerId, started, cancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        var restartMemory = session.Herald.Memory();

        context.Say($"{published:N0} published in {fillSeconds:0.0} s; db {dbBytes / 1e6:0} MB; restart: API {Clock.Seconds(started, apiUp):0.00} s");
        var metrics = new RunMetrics()
            .Set("fill_msgs_per_s", published / fillSeconds)
            .Set("peak_rss_mb", fillMemory is { } fill ? fill.PeakRssBytes / 1e6 : double.NaN)
            .Set("db_size_mb", dbBytes / 1e6)
            .Set("stop_s", stopSeconds)
            .Set("api_up_s", apiUp == 0 ? double.NaN : Clock.Seconds(started, apiUp))
            .Set("first_delivery_s", delivered)
            .Set("restart_peak_rss_mb", restartMemory is { } after ? after.PeakRssBytes / 1e6 : double.NaN);
        return await session.FinishAsync(metrics, failed);
    }

    /// <summary>Publishes the backlog in chunks (progress is printed between them) with the closed-loop clients.</summary>
    private async Task<(int Published, int Failed, string FirstId, double Seconds)> FillAsync(
        ScenarioContext context,
        HeraldSession session,
        Uri uri,
        CancellationToken cancellationToken)
    {
        var published = 0;
        var failed = 0;
        string? firstId = null;
        var start = Clock.Now();
        for (var offset = 0; offset < options.BacklogMessages; offset += Chunk)
        {
            var count = Math.Min(Chunk, options.BacklogMessages - offset);
            var from = offset;
            var log = await ClosedLoopLoad.RunAsync(session.Client, count, options.Clients, i => HeraldSession.Publish(uri, from + i, "1h"), ResponseField.MessageId, cancellationToken);
            published += log.SuccessCount();
            failed += log.FailureCount();
            firstId ??= log.MessageIds.FirstOrDefault(id => id is not null);
            if (options.BacklogMessages > Chunk)
            {
                var rss = session.Herald.Memory();
                context.Say($"filled {offset + count:N0}/{options.BacklogMessages:N0} ({published / Clock.Seconds(start, Clock.Now()):N0} msgs/s, RSS {(rss?.RssBytes ?? 0) / 1e6:0} MB)");
            }
        }

        return (published, failed, firstId ?? throw new InvalidOperationException("no backlog publish succeeded: " + string.Join("; ", session.Client.Errors)), Clock.Seconds(start, Clock.Now()));
    }

    /// <summary>Reads a backlog message until Herald answers 200; returns the timestamp (0 if it never did).</summary>
    private static async Task<long> WaitForApiAsync(HeraldSession session, string messageId, CancellationToken cancellationToken)
    {
        var deadline = Clock.Now() + Clock.Ticks(RestartTimeout);
        var uri = new Uri(session.Herald.BaseAddress, "/v2/messages/" + messageId);
        while (Clock.Now() < deadline)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            var result = await session.Client.SendAsync(request, ResponseField.None, cancellationToken);
            if (result.Status == (int)HttpStatusCode.OK)
            {
                return Clock.Now();
            }

            await Task.Delay(5, cancellationToken);
        }

        return 0;
    }

    /// <summary>Seconds from <paramref name="started"/> until the receiver acknowledged <paramref name="id"/> (NaN on timeout).</summary>
    private static async Task<double> WaitForDeliveryAsync(ReceiptTable table, string id, long started, CancellationToken cancellationToken)
    {
        var deadline = Clock.Now() + Clock.Ticks(RestartTimeout);
        while (Clock.Now() < deadline)
        {
            if (table.TryGet(id, out var receipt) && receipt.Acknowledged > 0)
            {
                return Clock.Seconds(started, receipt.FirstAckedAt);
            }

            await Task.Delay(5, cancellationToken);
        }

        return double.NaN;
    }
}
