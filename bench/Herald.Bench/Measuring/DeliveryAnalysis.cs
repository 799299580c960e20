using Herald.Bench.Load;
using Herald.Bench.Receiving;

namespace Herald.Bench.Measuring;

/// <summary>
/// Joins what was published (acknowledged ids and their send times) with what the receiver saw: delivered, lost
/// (acknowledged, never answered 2xx by the receiver), duplicates (2xx receipts beyond the first per id),
/// unexpected ids (received but not acknowledged to the publisher), publish-to-receive latency and end-to-end
/// throughput from the first publish to the last delivery.
/// </summary>
internal sealed record DeliveryAnalysis(
    int Acknowledged,
    int Delivered,
    int Lost,
    int Duplicates,
    int Unexpected,
    LatencySummary Latency,
    double Throughput)
{
    public static DeliveryAnalysis Of(PublishLog log, ReceiptTable table)
    {
        var latencies = new List<double>(log.Count);
        var acknowledged = 0;
        var seen = 0;
        var lastDelivery = long.MinValue;
        for (var i = 0; i < log.Count; i++)
        {
            if (!log.IsSuccess(i) || log.MessageIds[i] is not { } id)
            {
                continue;
            }

            acknowledged++;
            if (!table.TryGet(id, out var receipt))
            {
                continue;
            }

            seen++;
            if (receipt.Acknowledged > 0)
            {
                latencies.Add(Clock.Ms(log.StartedAt[i], receipt.FirstAckedAt));
                lastDelivery = Math.Max(lastDelivery, receipt.FirstAckedAt);
            }
        }

        var delivered = latencies.Count;
        var first = log.FirstStart();
        var throughput = delivered == 0 || lastDelivery <= first ? double.NaN : delivered / Clock.Seconds(first, lastDelivery);
        return new DeliveryAnalysis(
            acknowledged,
            delivered,
            acknowledged - delivered,
            table.Duplicates,
            table.Count - seen,
            LatencySummary.Of(latencies),
            throughput);
    }

    /// <summary>
    /// Waits until every acknowledged id of <paramref name="log"/> has been answered 2xx by the receiver, the
    /// <paramref name="timeout"/> passes, or nothing new arrives for <paramref name="stall"/>; then waits a short
    /// settle time so duplicates can show. Returns whether everything arrived.
    /// </summary>
    public static async Task<bool> DrainAsync(PublishLog log, ReceiptTable table, TimeSpan timeout, TimeSpan stall, CancellationToken cancellationToken)
    {
        var expected = 0;
        for (var i = 0; i < log.Count; i++)
        {
            if (log.IsSuccess(i) && log.MessageIds[i] is not null)
            {
                expected++;
            }
        }

        var deadline = Clock.Now() + Clock.Ticks(timeout);
        var lastCount = -1;
        var lastProgress = Clock.Now();
        var complete = false;
        while (true)
        {
            var acked = table.UniqueAcked;
            if (acked >= expected && Missing(log, table) == 0)
            {
                complete = true;
                break;
            }

            var now = Clock.Now();
            if (acked != lastCount)
            {
                lastCount = acked;
                lastProgress = now;
            }

            if (now > deadline || now - lastProgress > Clock.Ticks(stall))
            {
                break;
            }

            await Task.Delay(10, cancellationToken);
        }

        await Task.Delay(300, cancellationToken);
        return complete;
    }

    /// <summary>Acknowledged ids the receiver has not answered 2xx yet.</summary>
    private static int Missing(PublishLog log, ReceiptTable table)
    {
        var missing = 0;
        for (var i = 0; i < log.Count; i++)
        {
            if (log.IsSuccess(i) && log.MessageIds[i] is { } id && !(table.TryGet(id, out var receipt) && receipt.Acknowledged > 0))
            {
                missing++;
            }
        }

        return missing;
    }
}
