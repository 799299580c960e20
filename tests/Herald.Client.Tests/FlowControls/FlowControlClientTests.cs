using System.Net;
using Herald.Client.Publishing;
using Herald.Client.Tests.Support;

namespace Herald.Client.Tests.FlowControls;

public sealed class FlowControlClientTests : ClientTestBase
{
    [Fact]
    public async Task GetAndList_KeyUsedByAPublish_ShowTheLimits()
    {
        await PublishAsync("acme", delay: TimeSpan.FromHours(1));

        var key = await Client.FlowControl.GetAsync("acme", Ct);
        var all = await Client.FlowControl.ListAsync(cancellationToken: Ct);
        var searched = await Client.FlowControl.ListAsync("acm", Ct);
        var none = await Client.FlowControl.ListAsync("zzz", Ct);

        Assert.Equal("acme", key.FlowControlKey);
        Assert.Equal(2, key.ParallelismMax);
        Assert.Equal(10, key.RateMax);
        Assert.Equal(60, key.RatePeriod);
        Assert.False(key.IsPaused);
        Assert.Equal("acme", Assert.Single(all).FlowControlKey);
        Assert.Equal("acme", Assert.Single(searched).FlowControlKey);
        Assert.Empty(none);
        var missing = await Assert.ThrowsAsync<HeraldApiException>(() => Client.FlowControl.GetAsync("unknown", Ct));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task PauseAndResume_ToggleThePausedFlag()
    {
        await PublishAsync("pausable", delay: TimeSpan.FromHours(1));

        await Client.FlowControl.PauseAsync("pausable", Ct);
        var paused = await Client.FlowControl.GetAsync("pausable", Ct);
        await Client.FlowControl.ResumeAsync("pausable", Ct);
        var resumed = await Client.FlowControl.GetAsync("pausable", Ct);

        Assert.True(paused.IsPaused);
        Assert.False(resumed.IsPaused);
    }

    [Fact]
    public async Task PinAndUnpin_PinTheLimitsAndReleaseThemOneByOne()
    {
        await PublishAsync("pinned", delay: TimeSpan.FromHours(1));

        await Client.FlowControl.PinAsync("pinned", parallelism: 5, rate: 20, period: TimeSpan.FromMinutes(2), Ct);
        var pinned = await Client.FlowControl.GetAsync("pinned", Ct);
        await Client.FlowControl.UnpinAsync("pinned", parallelism: true, rate: false, Ct);
        var halfPinned = await Client.FlowControl.GetAsync("pinned", Ct);
        await Client.FlowControl.UnpinAsync("pinned", cancellationToken: Ct);
        var unpinned = await Client.FlowControl.GetAsync("pinned", Ct);

        Assert.Equal(5, pinned.ParallelismMax);
        Assert.Equal(20, pinned.RateMax);
        Assert.Equal(120, pinned.RatePeriod);
        Assert.True(pinned.IsPinnedParallelism);
        Assert.True(pinned.IsPinnedRate);
        Assert.False(halfPinned.IsPinnedParallelism);
        Assert.True(halfPinned.IsPinnedRate);
        Assert.False(unpinned.IsPinnedRate);
        Assert.Throws<ArgumentException>(() => { _ = Client.FlowControl.PinAsync("pinned", cancellationToken: Ct); });
        Assert.Throws<ArgumentOutOfRangeException>(() => { _ = Client.FlowControl.PinAsync("pinned", period: TimeSpan.FromMilliseconds(1500), cancellationToken: Ct); });
    }

    [Fact]
    public async Task ResetRateAsync_AfterADelivery_SetsTheRateCountToZero()
    {
        await PublishAsync("counted", delay: null);
        await Receiver.DeliveriesAsync("/flow", 1);
        var counted = await Eventually.MatchAsync(() => Client.FlowControl.GetAsync("counted", Ct), k => k.RateCount >= 1, "a counted attempt");

        await Client.FlowControl.ResetRateAsync("counted", Ct);
        var reset = await Client.FlowControl.GetAsync("counted", Ct);

        Assert.Equal(1, counted.RateCount);
        Assert.Equal(0, reset.RateCount);
    }

    [Fact]
    public async Task GetGlobalParallelismAsync_ReturnsTheNodeLimit()
    {
        var global = await Client.FlowControl.GetGlobalParallelismAsync(Ct);

        Assert.Equal(256, global.ParallelismMax);
        Assert.InRange(global.ParallelismCount, 0, 256);
    }

    private Task<PublishResult> PublishAsync(string key, TimeSpan? delay) =>
        Client.PublishAsync(new PublishRequest
        {
            Destination = Receiver.Url("/flow"),
            Delay = delay,
            FlowControl = new FlowControlOptions { Key = key, Parallelism = 2, Rate = 10, Period = TimeSpan.FromMinutes(1) },
        }, Ct);
}
