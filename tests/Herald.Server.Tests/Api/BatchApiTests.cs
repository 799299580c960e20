using System.Net;
using System.Text.Json;
using Herald.Contracts;
using Herald.Server.Tests.Support;

namespace Herald.Server.Tests.Api;

public sealed class BatchApiTests : HeraldTestBase
{
    [Fact]
    public async Task Batch_MixedItems_AnswerAlignedWithTheInput()
    {
        await Herald.SendJsonAsync(HttpMethod.Post, "/v2/topics/pair/endpoints",
            $"{{\"endpoints\":[{{\"url\":\"{Receiver.Url("/pair/1")}\"}},{{\"url\":\"{Receiver.Url("/pair/2")}\"}}]}}");
        var items = $$"""
            [
              { "destination": "{{Receiver.Url("/one?x=1")}}", "headers": { "content-type": "text/plain", "upstash-forward-x-k": "v" }, "body": "first" },
              { "destination": "pair", "headers": {}, "body": "fan", "queue": null },
              { "destination": "{{Receiver.Url("/bad")}}", "headers": { "upstash-retries": "many" } },
              { "destination": "missing-group" },
              { "destination": "{{Receiver.Url("/queued")}}", "queue": "bq", "body": null }
            ]
            """;

        var text = await Herald.SendJsonAsync(HttpMethod.Post, "/v2/batch", items);
        using var doc = JsonDocument.Parse(text);
        var results = doc.RootElement.EnumerateArray().ToList();

        Assert.Equal(5, results.Count);
        Assert.Equal(Receiver.Url("/one?x=1"), results[0].GetProperty("url").GetString());
        Assert.Equal(JsonValueKind.Array, results[1].ValueKind);
        Assert.Equal(2, results[1].GetArrayLength());
        Assert.Contains("Upstash-Retries", results[2].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("not found", results[3].GetProperty("error").GetString(), StringComparison.Ordinal);
        var queuedId = results[4].GetProperty("messageId").GetString();

        var one = (await Receiver.WaitForCountAsync("/one", 1)).Single(r => r.PathAndQuery == "/one?x=1");
        Assert.Equal("first", System.Text.Encoding.UTF8.GetString(one.Body));
        Assert.Equal("v", one.Header("X-K"));
        Assert.Equal("text/plain", one.Header("Content-Type"));
        await Receiver.WaitForCountAsync("/pair/2", 1);
        var queued = await Herald.GetJsonAsync($"/v2/messages/{queuedId}", HeraldJson.Context.MessageResponse);
        Assert.Equal("bq", queued.QueueName);
        Assert.Empty(Receiver.For("/bad"));
    }

    [Theory]
    [InlineData("upstash-forward-x-evil", "a\r\nInjected: yes")]
    [InlineData("upstash-forward-x-evil", "nul\u0000byte")]
    [InlineData("upstash-forward-bad name", "v")]
    [InlineData("upstash-forward-content-length", "5")]
    [InlineData("upstash-forward-transfer-encoding", "chunked")]
    public async Task Batch_HeaderInjection_IsRefusedPerItemAndNothingIsSent(string name, string value)
    {
        var item = JsonSerializer.Serialize(new Contracts.Wire.BatchItem { Destination = Receiver.Url("/inject"), Headers = new() { [name] = value } }, HeraldJson.Context.BatchItem);

        var text = await Herald.SendJsonAsync(HttpMethod.Post, "/v2/batch", "[" + item + "]");

        using var doc = JsonDocument.Parse(text);
        Assert.True(doc.RootElement[0].TryGetProperty("error", out _), text);
        await Task.Delay(300, Ct);
        Assert.Empty(Receiver.Requests);
        Assert.Empty((await Herald.GetJsonAsync("/v2/events", HeraldJson.Context.EventsResponse)).Events);
    }

    [Fact]
    public async Task Batch_SingleItem_IsStillAnArray()
    {
        var text = await Herald.SendJsonAsync(HttpMethod.Post, "/v2/batch", $"[{{\"destination\":\"{Receiver.Url("/single")}\"}}]");

        Assert.StartsWith("[{\"messageId\":\"msg_", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"destination\":\"x\"}")]
    [InlineData("not json")]
    public async Task Batch_NotAnArray_Returns400(string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v2/batch") { Content = new StringContent(body) };
        using var response = await Herald.Client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty((await Herald.GetJsonAsync("/v2/events", HeraldJson.Context.EventsResponse)).Events);
    }
}
