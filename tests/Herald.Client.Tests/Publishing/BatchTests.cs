using System.Text;
using Herald.Client.Publishing;
using Herald.Client.Tests.Support;
using Herald.Contracts.Wire;

namespace Herald.Client.Tests.Publishing;

public sealed class BatchTests : ClientTestBase
{
    [Fact]
    public async Task BatchAsync_MixedItems_AnswersInOrderWithPerItemErrors()
    {
        await Client.UrlGroups.AddEndpointsAsync("batch-group", [new UrlGroupEndpointDto { Url = Receiver.Url("/g1") }, new UrlGroupEndpointDto { Url = Receiver.Url("/g2") }], Ct);

        var results = await Client.BatchAsync(
        [
            new PublishRequest { Destination = Receiver.Url("/one"), Body = "first"u8.ToArray(), ContentType = "text/plain", Headers = new Dictionary<string, string> { ["X-Item"] = "1" } },
            new PublishRequest { Destination = "batch-group", Body = "fan"u8.ToArray() },
            new PublishRequest { Destination = Receiver.Url("/refused"), Retries = 1000 },
            new PublishRequest { Destination = Receiver.Url("/queued"), Queue = "batch-queue", Delay = TimeSpan.FromHours(1), Labels = ["b"] },
        ], Ct);

        Assert.Equal(4, results.Count);
        Assert.True(results[0].IsSuccess);
        Assert.False(results[0].Result!.IsUrlGroup);
        Assert.True(results[1].Result!.IsUrlGroup);
        Assert.Equal([Receiver.Url("/g1"), Receiver.Url("/g2")], results[1].Result!.Messages.Select(m => m.Url));
        Assert.False(results[2].IsSuccess);
        Assert.Null(results[2].Result);
        Assert.Contains("Upstash-Retries", results[2].Error, StringComparison.Ordinal);
        var queued = await Client.Messages.GetAsync(results[3].Result!.MessageId, Ct);
        Assert.Equal("batch-queue", queued.QueueName);
        Assert.Equal(["b"], queued.Labels!);
        var delivered = Assert.Single(await Receiver.DeliveriesAsync("/one", 1));
        Assert.Equal("first", Encoding.UTF8.GetString(delivered.Body));
        Assert.Equal("text/plain", delivered.Header("Content-Type"));
        Assert.Equal("1", delivered.Header("X-Item"));
        Assert.Equal(results[0].Result!.MessageId, delivered.Header("Upstash-Message-Id"));
    }

    [Fact]
    public async Task BatchAsync_BodyThatIsNotUtf8_ThrowsArgumentExceptionBeforeSending()
    {
        await Assert.ThrowsAsync<ArgumentException>(() =>
            Client.BatchAsync([new PublishRequest { Destination = Receiver.Url("/bin"), Body = new byte[] { 0xff, 0xfe, 0x00 } }], Ct));

        Assert.Empty(await Client.Logs.ListAsync(cancellationToken: Ct).ToListAsync(Ct));
    }
}
