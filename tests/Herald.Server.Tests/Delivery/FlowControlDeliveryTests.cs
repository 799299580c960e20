using Herald.Contracts;
using Herald.Server.Tests.Support;

namespace Herald.Server.Tests.Delivery;

/// <summary>Flow-control limits measured where they matter: at the receiver.</summary>
public sealed class FlowControlDeliveryTests : HeraldTestBase
{
    [Fact]
    public async Task Parallelism_NeverMoreInFlightThanTheLimitAcrossDestinations()
    {
        for (var i = 0; i < 20; i++)
        {
            var path = $"/par/{i % 4}";
            Receiver.Respond(path, new ReceiverResponse(200, "ok", Delay: TimeSpan.FromMilliseconds(150)));
            await Herald.PublishAsync(Receiver.Url(path), "x", ("Upstash-Flow-Control-Key", "shared"), ("Upstash-Flow-Control-Value", "parallelism=2"));
        }

        await Receiver.WaitForAsync(r => r.Count(x => x.PathAndQuery.StartsWith("/par/", StringComparison.Ordinal)) >= 20, TimeSpan.FromSeconds(20));

        Assert.Equal(2, Receiver.MaxConcurrent("/par"));
    }

    [Fact]
    public async Task Rate_NeverMoreStartsPerPeriodThanTheLimit()
    {
        var published = TimeProvider.System.GetUtcNow();
        for (var i = 0; i < 12; i++)
        {
            await Herald.PublishAsync(Receiver.Url("/rate"), "x", ("Upstash-Flow-Control-Key", "api"), ("Upstash-Flow-Control-Value", "rate=4, period=1s"));
        }

        var arrivals = (await Receiver.WaitForCountAsync("/rate", 12, TimeSpan.FromSeconds(20)))
            .Where(r => r.PathAndQuery == "/rate").Select(r => r.ReceivedAt).Order().ToList();

        // Any window shorter than the period by a jitter allowance (a new connection delays a first request) holds at most `rate` arrivals...
        for (var i = 0; i + 4 < arrivals.Count; i++)
        {
            Assert.True(arrivals[i + 4] - arrivals[i] >= TimeSpan.FromMilliseconds(850), $"5 starts within {(arrivals[i + 4] - arrivals[i]).TotalMilliseconds} ms");
        }

        // ...and 12 messages at 4 per second need at least two full periods.
        Assert.True(arrivals[^1] - published >= TimeSpan.FromSeconds(1.9));
    }

    [Fact]
    public async Task PausedKey_WaitsAndResumeDelivers()
    {
        await Herald.PublishAsync(Receiver.Url("/later"), "x", ("Upstash-Delay", "1h"), ("Upstash-Flow-Control-Key", "held"), ("Upstash-Flow-Control-Value", "parallelism=1"));
        await Herald.SendAsync("/v2/flowControl/held/pause");
        await Herald.PublishAsync(Receiver.Url("/held"), "x", ("Upstash-Flow-Control-Key", "held"), ("Upstash-Flow-Control-Value", "parallelism=1"));

        await Task.Delay(600, Ct);
        Assert.Empty(Receiver.For("/held"));
        Assert.Equal(2, (await Herald.GetJsonAsync("/v2/flowControl/held", HeraldJson.Context.FlowControlResponse)).WaitListSize);

        await Herald.SendAsync("/v2/flowControl/held/resume");
        await Receiver.WaitForCountAsync("/held", 1);
    }

    [Fact]
    public async Task ResetRate_LetsTheNextStartGoNow()
    {
        await Herald.PublishAsync(Receiver.Url("/r1"), "x", ("Upstash-Flow-Control-Key", "slow"), ("Upstash-Flow-Control-Value", "rate=1, period=1h"));
        await Receiver.WaitForCountAsync("/r1", 1);
        await Herald.PublishAsync(Receiver.Url("/r2"), "x", ("Upstash-Flow-Control-Key", "slow"), ("Upstash-Flow-Control-Value", "rate=1, period=1h"));
        await Task.Delay(500, Ct);
        Assert.Empty(Receiver.For("/r2"));
        Assert.Equal(1, (await Herald.GetJsonAsync("/v2/flowControl/slow", HeraldJson.Context.FlowControlResponse)).RateCount);

        await Herald.SendAsync("/v2/flowControl/slow/resetRate");

        await Receiver.WaitForCountAsync("/r2", 1);
    }

    [Fact]
    public async Task CancellingAMessageInFlight_FreesItsSlot()
    {
        Receiver.Respond("/hang", new ReceiverResponse(200, "late", Delay: TimeSpan.FromSeconds(30)));
        var hanging = await Herald.PublishAsync(Receiver.Url("/hang"), "x", ("Upstash-Flow-Control-Key", "one"), ("Upstash-Flow-Control-Value", "parallelism=1"));
        await Herald.PublishAsync(Receiver.Url("/next"), "x", ("Upstash-Flow-Control-Key", "one"), ("Upstash-Flow-Control-Value", "parallelism=1"));
        await Herald.WaitForStateAsync(hanging, "ACTIVE");

        using var cancel = await Herald.Client.DeleteAsync($"/v2/messages/{hanging}", Ct);

        Assert.Equal("{\"cancelled\":1}", await cancel.Content.ReadAsStringAsync(Ct));
        await Receiver.WaitForCountAsync("/next", 1, TimeSpan.FromSeconds(10));
    }
}
