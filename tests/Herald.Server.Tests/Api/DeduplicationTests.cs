using System.Net;
using System.Text.Json;
using Herald.Contracts;
using Herald.Server.Tests.Support;

namespace Herald.Server.Tests.Api;

public sealed class DeduplicationTests : HeraldTestBase
{
    protected override IReadOnlyDictionary<string, string?> Configuration => new Dictionary<string, string?>
    {
        ["Messages:DeduplicationWindow"] = "00:00:02",
    };

    [Fact]
    public async Task SameDeduplicationId_Returns202WithTheOriginalIdAndDeliversOnce()
    {
        var url = Receiver.Url("/dedup");
        using var first = await Herald.SendPublishAsync(url, "a", ("Upstash-Deduplication-Id", "order-7"));
        using var second = await Herald.SendPublishAsync(url, "b", ("Upstash-Deduplication-Id", "order-7"));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        var a = JsonSerializer.Deserialize(await first.Content.ReadAsStringAsync(Ct), HeraldJson.Context.PublishResponse)!;
        var b = JsonSerializer.Deserialize(await second.Content.ReadAsStringAsync(Ct), HeraldJson.Context.PublishResponse)!;
        Assert.Equal(a.MessageId, b.MessageId);
        Assert.Null(a.Deduplicated);
        Assert.True(b.Deduplicated);

        await Receiver.WaitForCountAsync("/dedup", 1);
        await Task.Delay(500, Ct);
        Assert.Single(Receiver.For("/dedup"));
    }

    [Fact]
    public async Task ConcurrentDuplicates_StoreOneMessage()
    {
        var url = Receiver.Url("/race");
        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Herald.SendPublishAsync(url, "same", ("Upstash-Deduplication-Id", "race-1"))));

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var response in responses)
        {
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted, response.StatusCode.ToString());
            ids.Add(JsonSerializer.Deserialize(await response.Content.ReadAsStringAsync(Ct), HeraldJson.Context.PublishResponse)!.MessageId);
            response.Dispose();
        }

        Assert.Single(ids);
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
    }

    [Fact]
    public async Task ContentBased_IdenticalContentDeduplicates_DifferentContentDoesNot()
    {
        var url = Receiver.Url("/content");
        var a = await Herald.PublishAsync(url, "same", ("Upstash-Content-Based-Deduplication", "true"));
        using var b = await Herald.SendPublishAsync(url, "same", ("Upstash-Content-Based-Deduplication", "True"), ("Upstash-Telemetry-Sdk", "other-sdk"));
        var c = await Herald.PublishAsync(url, "different", ("Upstash-Content-Based-Deduplication", "true"));

        Assert.Equal(HttpStatusCode.Accepted, b.StatusCode);
        Assert.Equal(a, JsonSerializer.Deserialize(await b.Content.ReadAsStringAsync(Ct), HeraldJson.Context.PublishResponse)!.MessageId);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public async Task AfterTheWindow_TheSameIdIsANewMessage()
    {
        var url = Receiver.Url("/window");
        var a = await Herald.PublishAsync(url, "x", ("Upstash-Deduplication-Id", "w"));
        await Task.Delay(2200, Ct);
        var b = await Herald.PublishAsync(url, "x", ("Upstash-Deduplication-Id", "w"));

        Assert.NotEqual(a, b);
    }
}
