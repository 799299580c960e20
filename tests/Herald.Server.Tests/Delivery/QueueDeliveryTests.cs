using System.Text;
using Herald.Server.Tests.Support;

namespace Herald.Server.Tests.Delivery;

/// <summary>Ordering and concurrency of queues, measured at a real receiver.</summary>
public sealed class QueueDeliveryTests : HeraldTestBase
{
    [Fact]
    public async Task ParallelismOne_DeliversInOrderOneAtATime_RetriesIncluded()
    {
        // Message 2 fails twice before it succeeds: 3..10 must still wait for it.
        var failures = 0;
        Receiver.Respond("/fifo/2", _ => Interlocked.Increment(ref failures) <= 2 ? new ReceiverResponse(500) : new ReceiverResponse(200, "ok", Delay: TimeSpan.FromMilliseconds(30)));
        for (var i = 1; i <= 10; i++)
        {
            if (i != 2)
            {
                Receiver.Respond($"/fifo/{i}", new ReceiverResponse(200, "ok", Delay: TimeSpan.FromMilliseconds(30)));
            }

            await Herald.EnqueueAsync("ordered", Receiver.Url($"/fifo/{i}"), i.ToString(System.Globalization.CultureInfo.InvariantCulture), ("Upstash-Retries", "3"), ("Upstash-Retry-Delay", "100"));
        }

        var all = await Receiver.WaitForAsync(r => r.Count(x => x.PathAndQuery.StartsWith("/fifo/", StringComparison.Ordinal)) >= 12, TimeSpan.FromSeconds(20));
        var bodies = all.Where(r => r.PathAndQuery.StartsWith("/fifo/", StringComparison.Ordinal)).OrderBy(r => r.ReceivedAt).Select(r => Encoding.UTF8.GetString(r.Body)).ToList();

        Assert.Equal(["1", "2", "2", "2", "3", "4", "5", "6", "7", "8", "9", "10"], bodies);
        Assert.Equal(1, Receiver.MaxConcurrent("/fifo"));
    }

    [Fact]
    public async Task ParallelismThree_KeepsAtMostThreeInFlight()
    {
        await Herald.SendJsonAsync(HttpMethod.Post, "/v2/queues", "{\"queueName\":\"wide\",\"parallelism\":3}");
        for (var i = 0; i < 12; i++)
        {
            Receiver.Respond($"/wide/{i}", new ReceiverResponse(200, "ok", Delay: TimeSpan.FromMilliseconds(200)));
            await Herald.EnqueueAsync("wide", Receiver.Url($"/wide/{i}"), "x");
        }

        await Receiver.WaitForAsync(r => r.Count(x => x.PathAndQuery.StartsWith("/wide/", StringComparison.Ordinal)) >= 12, TimeSpan.FromSeconds(20));

        Assert.Equal(3, Receiver.MaxConcurrent("/wide"));
    }

    [Fact]
    public async Task PausedQueue_AcceptsButDeliversNothingUntilResumed()
    {
        await Herald.SendJsonAsync(HttpMethod.Post, "/v2/queues", "{\"queueName\":\"held\",\"parallelism\":1,\"paused\":true}");
        await Herald.EnqueueAsync("held", Receiver.Url("/held/1"), "a");
        await Herald.EnqueueAsync("held", Receiver.Url("/held/2"), "b");

        await Task.Delay(700, Ct);
        Assert.Empty(Receiver.Requests);
        Assert.Equal(2, (await Herald.GetJsonAsync("/v2/queues/held", Contracts.HeraldJson.Context.QueueResponse)).Lag);

        await Herald.SendAsync("/v2/queues/held/resume");
        await Receiver.WaitForAsync(r => r.Count >= 2, TimeSpan.FromSeconds(10));
        Assert.Equal(["/held/1", "/held/2"], Receiver.Requests.OrderBy(r => r.ReceivedAt).Select(r => r.PathAndQuery));
    }

    [Fact]
    public async Task FailedMessage_ReleasesTheQueueForTheNext()
    {
        Receiver.Respond("/stuck/1", new ReceiverResponse(500));
        var first = await Herald.EnqueueAsync("q-fail", Receiver.Url("/stuck/1"), "a", ("Upstash-Retries", "0"));
        await Herald.EnqueueAsync("q-fail", Receiver.Url("/stuck/2"), "b");

        await Receiver.WaitForCountAsync("/stuck/2", 1);
        await Herald.WaitForStateAsync(first, "FAILED");
        Assert.True(Receiver.For("/stuck/1")[0].ReceivedAt <= Receiver.For("/stuck/2")[0].ReceivedAt);
    }

    [Fact]
    public async Task Callback_HoldsTheQueueUntilItIsDelivered()
    {
        Receiver.Respond("/cb", new ReceiverResponse(200, "ok", Delay: TimeSpan.FromMilliseconds(600)));
        await Herald.EnqueueAsync("with-callback", Receiver.Url("/job/1"), "a", ("Upstash-Callback", Receiver.Url("/cb")));
        await Herald.EnqueueAsync("with-callback", Receiver.Url("/job/2"), "b");

        await Receiver.WaitForCountAsync("/job/2", 1);
        var callback = Assert.Single(Receiver.For("/cb"));
        var second = Assert.Single(Receiver.For("/job/2"));
        // The callback answered after 600 ms; the next job may start only after that.
        Assert.True(second.ReceivedAt >= callback.ReceivedAt + TimeSpan.FromMilliseconds(550), $"job 2 at {second.ReceivedAt:O}, callback at {callback.ReceivedAt:O}");
    }
}
