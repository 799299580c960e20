using System.Net;
using Herald.Contracts;
using Herald.Server.Tests.Support;

namespace Herald.Server.Tests.Api;

public sealed class FlowControlApiTests : HeraldTestBase
{
    [Fact]
    public async Task Get_AfterPublish_ShowsTheKeysLimitsAndWaitList()
    {
        await Herald.PublishAsync(Receiver.Url("/later"), "x", ("Upstash-Delay", "1h"), ("Upstash-Flow-Control-Key", "tenant-42"), ("Upstash-Flow-Control-Value", "parallelism=3, rate=10, period=1m"));

        var key = await Herald.GetJsonAsync("/v2/flowControl/tenant-42", HeraldJson.Context.FlowControlResponse);

        Assert.Equal("tenant-42", key.FlowControlKey);
        Assert.Equal(1, key.WaitListSize);
        Assert.Equal(3, key.ParallelismMax);
        Assert.Equal(0, key.ParallelismCount);
        Assert.Equal(10, key.RateMax);
        Assert.Equal(0, key.RateCount);
        Assert.Equal(60, key.RatePeriod);
        Assert.False(key.IsPaused);
        Assert.Single(await Herald.GetJsonAsync("/v2/flowControl?search=42", HeraldJson.Context.ListFlowControlResponse));
        Assert.Empty(await Herald.GetJsonAsync("/v2/flowControl?search=nope", HeraldJson.Context.ListFlowControlResponse));
    }

    [Fact]
    public async Task PinUnpinPauseResume_ChangeTheKeyAndPinnedValuesSurviveNewPublishes()
    {
        await Herald.PublishAsync(Receiver.Url("/later"), "x", ("Upstash-Delay", "1h"), ("Upstash-Flow-Control-Key", "k"), ("Upstash-Flow-Control-Value", "parallelism=1"));

        await Herald.SendAsync("/v2/flowControl/k/pin?parallelism=7&rate=20&period=120");
        await Herald.PublishAsync(Receiver.Url("/later"), "x", ("Upstash-Delay", "1h"), ("Upstash-Flow-Control-Key", "k"), ("Upstash-Flow-Control-Value", "parallelism=2, rate=1"));
        var pinned = await Herald.GetJsonAsync("/v2/flowControl/k", HeraldJson.Context.FlowControlResponse);
        Assert.Equal((7, 20, 120L, true, true), (pinned.ParallelismMax, pinned.RateMax, pinned.RatePeriod, pinned.IsPinnedParallelism, pinned.IsPinnedRate));

        await Herald.SendAsync("/v2/flowControl/k/unpin?parallelism=true");
        var unpinned = await Herald.GetJsonAsync("/v2/flowControl/k", HeraldJson.Context.FlowControlResponse);
        Assert.Equal((7, false, true), (unpinned.ParallelismMax, unpinned.IsPinnedParallelism, unpinned.IsPinnedRate));

        await Herald.SendAsync("/v2/flowControl/k/pause");
        Assert.True((await Herald.GetJsonAsync("/v2/flowControl/k", HeraldJson.Context.FlowControlResponse)).IsPaused);
        await Herald.SendAsync("/v2/flowControl/k/resume");
        Assert.False((await Herald.GetJsonAsync("/v2/flowControl/k", HeraldJson.Context.FlowControlResponse)).IsPaused);
    }

    [Fact]
    public async Task UnknownKey_Is404_AndBadPinIs400()
    {
        using var get = await Herald.Client.GetAsync("/v2/flowControl/missing", Ct);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        using var pause = await Herald.SendAsync("/v2/flowControl/missing/pause");
        Assert.Equal(HttpStatusCode.NotFound, pause.StatusCode);
        using var pin = await Herald.SendAsync("/v2/flowControl/missing/pin?rate=zero");
        Assert.Equal(HttpStatusCode.BadRequest, pin.StatusCode);
    }

    [Fact]
    public async Task GlobalParallelism_ReportsTheNodeLimit()
    {
        var global = await Herald.GetJsonAsync("/v2/globalParallelism", HeraldJson.Context.GlobalParallelismResponse);

        Assert.Equal(256, global.ParallelismMax);
        Assert.InRange(global.ParallelismCount, 0, 256);
    }
}
