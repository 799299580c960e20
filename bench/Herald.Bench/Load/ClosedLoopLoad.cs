using Herald.Bench.Measuring;

namespace Herald.Bench.Load;

/// <summary>
/// Closed-loop load: <c>concurrency</c> workers, each sending its next request as soon as the previous one is
/// answered, until <c>count</c> requests are done. Measures the most the server sustains at that concurrency.
/// </summary>
internal static class ClosedLoopLoad
{
    public static async Task<PublishLog> RunAsync(
        LoadClient client,
        int count,
        int concurrency,
        Func<int, HttpRequestMessage> createRequest,
        ResponseField field,
        CancellationToken cancellationToken)
    {
        var log = new PublishLog(count);
        var next = -1;
        var workers = new Task[Math.Min(concurrency, Math.Max(count, 1))];
        for (var w = 0; w < workers.Length; w++)
        {
            workers[w] = Task.Run(
                async () =>
                {
                    int index;
                    while ((index = Interlocked.Increment(ref next)) < count)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        using var request = createRequest(index);
                        var started = Clock.Now();
                        var result = await client.SendAsync(request, field, cancellationToken);
                        log.Record(index, started, Clock.Now(), result);
                    }
                },
                cancellationToken);
        }

        await Task.WhenAll(workers);
        return log;
    }
}
