using System.Net;
using System.Text.Json;
using Herald.Contracts;
using Herald.Server.Tests.Support;

namespace Herald.Server.Tests.Api;

public sealed class UrlGroupsApiTests : HeraldTestBase
{
    [Fact]
    public async Task AddGetListRemoveDelete_KeepEndpointsExactlyAsAdded()
    {
        var a = Receiver.Url("/a/");
        var b = Receiver.Url("/b");
        await Herald.SendJsonAsync(HttpMethod.Post, "/v2/topics/orders/endpoints", $"{{\"endpoints\":[{{\"url\":\"{a}\",\"name\":\"first\"}},{{\"url\":\"{b}\"}}]}}");
        await Herald.SendJsonAsync(HttpMethod.Post, "/v2/topics/orders/endpoints", $"{{\"endpoints\":[{{\"url\":\"{b}\"}}]}}");

        using (var get = await Herald.Client.GetAsync("/v2/topics/orders", Ct))
        {
            var json = await get.Content.ReadAsStringAsync(Ct);
            Assert.Contains($"\"endpoints\":[{{\"name\":\"first\",\"url\":\"{a}\"}},{{\"url\":\"{b}\"}}]", json, StringComparison.Ordinal);
        }

        var list = await Herald.GetJsonAsync("/v2/topics", HeraldJson.Context.ListUrlGroupResponse);
        Assert.Equal("orders", Assert.Single(list).Name);

        await Herald.SendJsonAsync(HttpMethod.Delete, "/v2/topics/orders/endpoints", "{\"endpoints\":[{\"name\":\"first\"}]}");
        var afterRemove = await Herald.GetJsonAsync("/v2/topics/orders", HeraldJson.Context.UrlGroupResponse);
        Assert.Equal(b, Assert.Single(afterRemove.Endpoints).Url);

        await Herald.SendJsonAsync(HttpMethod.Delete, "/v2/topics/orders/endpoints", $"{{\"endpoints\":[{{\"url\":\"{b}\"}}]}}");
        using var gone = await Herald.Client.GetAsync("/v2/topics/orders", Ct);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Empty(await Herald.GetJsonAsync("/v2/topics", HeraldJson.Context.ListUrlGroupResponse));
    }

    [Fact]
    public async Task Delete_RemovesTheGroup_AndUnknownGroupsAre404()
    {
        await Herald.SendJsonAsync(HttpMethod.Post, "/v2/topics/temp/endpoints", $"{{\"endpoints\":[{{\"url\":\"{Receiver.Url("/t")}\"}}]}}");

        using var delete = await Herald.Client.DeleteAsync("/v2/topics/temp", Ct);
        Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        using var again = await Herald.Client.DeleteAsync("/v2/topics/temp", Ct);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Theory]
    [InlineData("bad name", "{\"endpoints\":[{\"url\":\"http://127.0.0.1:1/x\"}]}")]
    [InlineData("ok", "{\"endpoints\":[]}")]
    [InlineData("ok", "{\"endpoints\":[{\"url\":\"ftp://x\"}]}")]
    [InlineData("ok", "{\"endpoints\":[{\"url\":\"http://127.0.0.1:1/x\",\"name\":\"no spaces allowed\"}]}")]
    [InlineData("ok", "not json")]
    public async Task AddEndpoints_InvalidInput_Returns400(string name, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v2/topics/{Uri.EscapeDataString(name)}/endpoints") { Content = new StringContent(body) };
        using var response = await Herald.Client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await Herald.GetJsonAsync("/v2/topics", HeraldJson.Context.ListUrlGroupResponse));
    }

    [Fact]
    public async Task Publish_ToGroup_FansOutOneIndependentMessagePerEndpoint()
    {
        Receiver.Respond("/fan/bad", new ReceiverResponse(500));
        await Herald.SendJsonAsync(HttpMethod.Post, "/v2/topics/fan/endpoints",
            $"{{\"endpoints\":[{{\"url\":\"{Receiver.Url("/fan/good")}\",\"name\":\"good\"}},{{\"url\":\"{Receiver.Url("/fan/bad")}\",\"name\":\"bad\"}}]}}");

        using var response = await Herald.SendPublishAsync("fan", "event", ("Upstash-Retries", "0"));
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("[", text, StringComparison.Ordinal);
        var published = JsonSerializer.Deserialize(text, HeraldJson.Context.ListPublishResponse)!;
        Assert.Equal([Receiver.Url("/fan/good"), Receiver.Url("/fan/bad")], published.Select(p => p.Url));
        Assert.NotEqual(published[0].MessageId, published[1].MessageId);

        var good = (await Receiver.WaitForCountAsync("/fan/good", 1)).Single(r => r.PathAndQuery == "/fan/good");
        Assert.Equal("fan", good.Header("Upstash-Topic-Name"));
        Assert.Equal(published[0].MessageId, good.Header("Upstash-Message-Id"));
        await Herald.WaitForStateAsync(published[1].MessageId, "FAILED");
        var dlq = await Herald.GetJsonAsync("/v2/dlq?topicName=fan", HeraldJson.Context.DlqListResponse);
        var entry = Assert.Single(dlq.Messages);
        Assert.Equal(published[1].MessageId, entry.MessageId);
        Assert.Equal("fan", entry.TopicName);
        Assert.Equal("bad", entry.EndpointName);
    }

    [Fact]
    public async Task Publish_ToGroupTwiceWithDedupId_AnswersEveryOriginalId()
    {
        await Herald.SendJsonAsync(HttpMethod.Post, "/v2/topics/dd/endpoints",
            $"{{\"endpoints\":[{{\"url\":\"{Receiver.Url("/dd/1")}\"}},{{\"url\":\"{Receiver.Url("/dd/2")}\"}}]}}");

        using var first = await Herald.SendPublishAsync("dd", "x", ("Upstash-Deduplication-Id", "evt-1"));
        using var second = await Herald.SendPublishAsync("dd", "x", ("Upstash-Deduplication-Id", "evt-1"));

        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        var a = JsonSerializer.Deserialize(await first.Content.ReadAsStringAsync(Ct), HeraldJson.Context.ListPublishResponse)!;
        var b = JsonSerializer.Deserialize(await second.Content.ReadAsStringAsync(Ct), HeraldJson.Context.ListPublishResponse)!;
        Assert.Equal(a.Select(x => x.MessageId), b.Select(x => x.MessageId));
        Assert.All(b, r => Assert.True(r.Deduplicated));
    }
}
