using Herald.Bench.Measuring;

namespace Herald.Bench.Load;

/// <summary>
/// Open-loop load at a fixed rate: a dedicated thread dispatches request <c>i</c> at <c>start + i / rate</c> whatever
/// the answers are doing (slow answers never slow the schedule down, so queueing is measured instead of hidden:
/// no coordinated omission). Latency runs from the actual dispatch; the lag of dispatch behind the exact schedule
/// (timer granularity, about 1 ms) is recorded separately.
/// </summary>
internal static class PacedLoad
{
    public static async Task<PublishLog> RunAsync(
        LoadClient client,
        int rate,
        TimeSpan duration,
        Func<int, HttpRequestMessage> createRequest,
        ResponseField field,
        CancellationToken cancellationToken)
    {
        var count = Math.Max(1, (int)Math.Round(rate * duration.TotalSeconds));
        var log = new PublishLog(count, scheduled: true);
        var sends = new Task[count];
        var period = Clock.Ticks(TimeSpan.FromSeconds(1)) / (double)rate;
        var dispatched = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                var start = Clock.Now() + Clock.Ticks(TimeSpan.FromMilliseconds(5));
                for (var i = 0; i < count; i++)
                {
                    var due = start + (long)(i * period);
                    while (Clock.Now() < due)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        Thread.Sleep(1);
                    }

                    log.ScheduledAt![i] = due;
                    var index = i;
                    var dispatchedAt = Clock.Now();
                    sends[i] = Task.Run(() => SendAsync(client, log, index, dispatchedAt, createRequest, field, cancellationToken), CancellationToken.None);
                }

                dispatched.SetResult();
            }
            catch (Exception ex)
            {
                dispatched.SetException(ex);
            }
        })
        {
            IsBackground = true,
            Name = "paced-dispatch",
        };
        thread.Start();
        await dispatched.Task;
        await Task.WhenAll(sends);
        return log;
    }

    private static async Task SendAsync(
        LoadClient client,
        PublishLog log,
        int index,
        long started,
        Func<int, HttpRequestMessage> createRequest,
        ResponseField field,
        CancellationToken cancellationToken)
    {
        using var request = createRequest(index);
        var result = await client.SendAsync(request, field, cancellationToken);
        log.Record(index, started, Clock.Now(), result);
    }
}
