using System.Net;
using Herald.Contracts;
using Herald.Server.Tests.Support;

namespace Herald.Server.Tests.Api;

public sealed class QueuesApiTests : HeraldTestBase
{
    [Fact]
    public async Task UpsertGetListPauseResumeDelete()
    {
        await Herald.SendJsonAsync(HttpMethod.Post, "/v2/queues", "{\"queueName\":\"jobs\",\"parallelism\":3,\"paused\":false}");

        var queue = await Herald.GetJsonAsync("/v2/queues/jobs", HeraldJson.Context.QueueResponse);
        Assert.Equal(("jobs", 3, false, 0L), (queue.Name, queue.Parallelism, queue.Paused, queue.Lag));
        Assert.True(queue.CreatedAt > 0);

        await Herald.SendAsync("/v2/queues/jobs/pause");
        Assert.True((await Herald.GetJsonAsync("/v2/queues/jobs", HeraldJson.Context.QueueResponse)).Paused);
        await Herald.SendAsync("/v2/queues/jobs/pause");
        Assert.True((await Herald.GetJsonAsync("/v2/queues/jobs", HeraldJson.Context.QueueResponse)).Paused);
        await Herald.SendAsync("/v2/queues/jobs/resume");
        Assert.False((await Herald.GetJsonAsync("/v2/queues/jobs", HeraldJson.Context.QueueResponse)).Paused);

        await Herald.SendJsonAsync(HttpMethod.Post, "/v2/queues", "{\"queueName\":\"jobs\",\"parallelism\":1,\"paused\":true}");
        var updated = Assert.Single(await Herald.GetJsonAsync("/v2/queues", HeraldJson.Context.ListQueueResponse));
        Assert.Equal((1, true), (updated.Parallelism, updated.Paused));

        using var delete = await Herald.Client.DeleteAsync("/v2/queues/jobs", Ct);
        Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        Assert.Empty(await Herald.GetJsonAsync("/v2/queues", HeraldJson.Context.ListQueueResponse));
        using var unknown = await Herald.Client.GetAsync("/v2/queues/jobs", Ct);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Theory]
    [InlineData("{\"queueName\":\"bad name\"}")]
    [InlineData("{\"parallelism\":1}")]
    [InlineData("{\"queueName\":\"q\",\"parallelism\":0}")]
    [InlineData("[1,2]")]
    public async Task Upsert_InvalidInput_Returns400(string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v2/queues") { Content = new StringContent(body) };
        using var response = await Herald.Client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Enqueue_CreatesTheQueueAndCountsLag()
    {
        await Herald.EnqueueAsync("auto", Receiver.Url("/later"), "x", ("Upstash-Delay", "1h"));
        await Herald.EnqueueAsync("auto", Receiver.Url("/later"), "y", ("Upstash-Delay", "1h"));

        var queue = await Herald.GetJsonAsync("/v2/queues/auto", HeraldJson.Context.QueueResponse);
        Assert.Equal((1, 2L), (queue.Parallelism, queue.Lag));
        var id = await Herald.EnqueueAsync("auto", Receiver.Url("/later"), "z", ("Upstash-Delay", "1h"));
        var message = await Herald.GetJsonAsync($"/v2/messages/{id}", HeraldJson.Context.MessageResponse);
        Assert.Equal("auto", message.QueueName);
    }

    [Fact]
    public async Task Delete_CancelsTheQueuesWaitingMessages()
    {
        var id = await Herald.EnqueueAsync("doomed", Receiver.Url("/never"), "x", ("Upstash-Delay", "1h"));

        using var delete = await Herald.Client.DeleteAsync("/v2/queues/doomed", Ct);

        Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        using var get = await Herald.Client.GetAsync($"/v2/messages/{id}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        await Herald.WaitForStateAsync(id, "CANCELED");
    }

    [Theory]
    [InlineData("bad name")]
    [InlineData("has%2Fslash")]
    public async Task Enqueue_InvalidQueueName_Returns400(string queue)
    {
        using var response = await Herald.SendAsync($"/v2/enqueue/{queue}/{Receiver.Url("/x")}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
