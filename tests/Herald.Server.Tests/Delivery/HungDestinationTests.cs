using Herald.Server.Tests.Support;

namespace Herald.Server.Tests.Delivery;

/// <summary>
/// R9: destinations that accept and then hang (no answer, a stalled body, a body that never ends) cost each attempt
/// exactly its timeout, are recorded as timeouts and retried per schedule, and do not hold up healthy destinations.
/// </summary>
public sealed class HungDestinationTests : HeraldTestBase
{
    private const int HungPerBehaviour = 3;
    private const int Healthy = 40;

    [Fact]
    public async Task HungDestinations_TimeOutOnSchedule_WhileHealthyOnesAreDeliveredAtOnce()
    {
        await using var silent = new ToxicServer(ToxicBehaviour.Silent);
        await using var stalled = new ToxicServer(ToxicBehaviour.StallBody);
        await using var endless = new ToxicServer(ToxicBehaviour.NeverClose);
        var hung = new List<string>();
        foreach (var server in new[] { silent, stalled, endless })
        {
            for (var i = 0; i < HungPerBehaviour; i++)
            {
                hung.Add(await Herald.PublishAsync(server.Url($"/hang/{i}"), "x", ("Upstash-Timeout", "3s"), ("Upstash-Retries", "1"), ("Upstash-Retry-Delay", "500")));
            }
        }

        for (var i = 0; i < Healthy; i++)
        {
            await Herald.PublishAsync(Receiver.Url($"/healthy/{i}"));
        }

        // Every healthy message arrives while all the hung first attempts are still waiting for their timeout.
        await Receiver.WaitForAsync(r => r.Count(x => x.PathAndQuery.StartsWith("/healthy/", StringComparison.Ordinal)) >= Healthy, TimeSpan.FromSeconds(10));
        foreach (var id in hung)
        {
            var events = await Herald.GetJsonAsync($"/v2/events?messageId={id}&order=earliestFirst", Contracts.HeraldJson.Context.EventsResponse);
            Assert.DoesNotContain(events.Events, e => e.State == "ERROR");
        }

        foreach (var id in hung)
        {
            var logs = await Herald.WaitForStateAsync(id, "FAILED", TimeSpan.FromSeconds(20));
            var errors = logs.Where(e => e.State == "ERROR").ToList();
            Assert.Equal(2, errors.Count);
            Assert.All(errors, e =>
            {
                Assert.Equal("timeout", e.ErrorCategory);
                Assert.InRange(e.Latency!.Value, 2_900, 4_500);
            });
            Assert.Equal(["CREATED", "ACTIVE", "ERROR", "RETRY", "ACTIVE", "ERROR", "FAILED"], logs.Select(e => e.State));
        }

        Assert.Equal(2 * HungPerBehaviour, silent.Requests);
        Assert.Equal(2 * HungPerBehaviour, stalled.Requests);
        Assert.Equal(2 * HungPerBehaviour, endless.Requests);
        Assert.Equal(Healthy, Receiver.Requests.Count(r => r.PathAndQuery.StartsWith("/healthy/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task SlowBody_SucceedsWithinTheTimeoutAndTimesOutBeyondIt()
    {
        // R10: the timeout covers the whole response, body included: about one second of body fits in 5 s, not in 500 ms.
        await using var slow = new ToxicServer(ToxicBehaviour.SlowBody);

        var fits = await Herald.PublishAsync(slow.Url("/fits"), "x", ("Upstash-Timeout", "5s"), ("Upstash-Retries", "0"));
        var tooSlow = await Herald.PublishAsync(slow.Url("/too-slow"), "x", ("Upstash-Timeout", "500ms"), ("Upstash-Retries", "0"));

        var delivered = await Herald.WaitForStateAsync(fits, "DELIVERED");
        var failed = await Herald.WaitForStateAsync(tooSlow, "FAILED");
        Assert.InRange(delivered.Single(e => e.State == "DELIVERED").Latency!.Value, 900, 5_000);
        var error = failed.Single(e => e.State == "ERROR");
        Assert.Equal("timeout", error.ErrorCategory);
        Assert.InRange(error.Latency!.Value, 450, 2_000);
    }
}
