using Herald.Contracts;
using Herald.Server.Tests.Support;

namespace Herald.Server.Tests.Delivery;

/// <summary>
/// R38: a destination that answers with a body that never ends or headers that never end costs a bounded read:
/// the attempt is recorded long before its timeout, with the body capped (Delivery:MaxResponseBodySize, 64 KiB), and
/// Herald carries on.
/// </summary>
public sealed class HostileResponseTests : HeraldTestBase
{
    [Fact]
    public async Task EndlessBody_IsReadUpToTheCapAndTheAttemptRecorded()
    {
        await using var endless = new ToxicServer(ToxicBehaviour.EndlessBody);

        var id = await Herald.PublishAsync(endless.Url("/flood"), "x", ("Upstash-Retries", "0"), ("Upstash-Timeout", "20s"));

        var logs = await Herald.WaitForStateAsync(id, "FAILED", TimeSpan.FromSeconds(10));
        var error = logs.Single(e => e.State == "ERROR");
        Assert.Equal(500, error.ResponseStatus);
        Assert.True(error.Latency < 10_000, $"the attempt took {error.Latency} ms");
        var dlq = await Herald.GetJsonAsync($"/v2/dlq?messageId={id}", HeraldJson.Context.DlqListResponse);
        Assert.Equal(64 * 1024, Assert.Single(dlq.Messages).ResponseBody!.Length);
    }

    [Fact]
    public async Task EndlessHeaders_FailTheAttemptWithoutWaitingForTheTimeout()
    {
        await using var flood = new ToxicServer(ToxicBehaviour.HugeHeaders);

        var id = await Herald.PublishAsync(flood.Url("/headers"), "x", ("Upstash-Retries", "0"), ("Upstash-Timeout", "20s"));

        var logs = await Herald.WaitForStateAsync(id, "FAILED", TimeSpan.FromSeconds(10));
        var error = logs.Single(e => e.State == "ERROR");
        Assert.NotEqual("timeout", error.ErrorCategory);
        Assert.True(error.Latency < 10_000, $"the attempt took {error.Latency} ms");

        Receiver.Respond("/after", ReceiverResponse.Ok);
        await Herald.WaitForStateAsync(await Herald.PublishAsync(Receiver.Url("/after")), "DELIVERED");
    }
}
