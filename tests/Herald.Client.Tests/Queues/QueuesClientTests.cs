using System.Net;
using System.Text;
using Herald.Client.Publishing;
using Herald.Client.Tests.Support;

namespace Herald.Client.Tests.Queues;

public sealed class QueuesClientTests : ClientTestBase
{
    [Fact]
    public async Task UpsertGetListDelete_ManageAQueue()
    {
        await Client.Queues.UpsertAsync("q-manage", parallelism: 3, paused: true, Ct);

        var queue = await Client.Queues.GetAsync("q-manage", Ct);
        var listed = await Client.Queues.ListAsync(Ct);
        await Client.Queues.UpsertAsync("q-manage", parallelism: 2, cancellationToken: Ct);
        var updated = await Client.Queues.GetAsync("q-manage", Ct);
        await Client.Queues.DeleteAsync("q-manage", Ct);

        Assert.Equal(3, queue.Parallelism);
        Assert.True(queue.Paused);
        Assert.Equal(0, queue.Lag);
        Assert.Equal("q-manage", Assert.Single(listed).Name);
        Assert.Equal(2, updated.Parallelism);
        Assert.False(updated.Paused);
        Assert.Empty(await Client.Queues.ListAsync(Ct));
        var error = await Assert.ThrowsAsync<HeraldApiException>(() => Client.Queues.GetAsync("q-manage", Ct));
        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task PauseAndResume_ToggleThePausedFlag()
    {
        await Client.Queues.UpsertAsync("q-toggle", cancellationToken: Ct);

        await Client.Queues.PauseAsync("q-toggle", Ct);
        var paused = await Client.Queues.GetAsync("q-toggle", Ct);
        await Client.Queues.ResumeAsync("q-toggle", Ct);
        var resumed = await Client.Queues.GetAsync("q-toggle", Ct);

        Assert.True(paused.Paused);
        Assert.False(resumed.Paused);
        var missing = await Assert.ThrowsAsync<HeraldApiException>(() => Client.Queues.PauseAsync("no-such-queue", Ct));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task EnqueueAsync_PausedQueue_HoldsTheMessagesUntilResumed()
    {
        await Client.Queues.UpsertAsync("q-hold", paused: true, cancellationToken: Ct);

        var first = await Client.Queues.EnqueueAsync("q-hold", new PublishRequest { Destination = Receiver.Url("/held"), Body = "1"u8.ToArray() }, Ct);
        var second = await Client.Queues.EnqueueJsonAsync("q-hold", new PublishRequest { Destination = Receiver.Url("/held") }, new OrderPlaced(2, "Bo"), TestJsonContext.Default.OrderPlaced, Ct);
        var held = await Client.Queues.GetAsync("q-hold", Ct);
        await Client.Queues.ResumeAsync("q-hold", Ct);

        Assert.Equal(2, held.Lag);
        Assert.Equal("q-hold", (await Client.Messages.GetAsync(first.MessageId, Ct)).QueueName);
        var delivered = await Receiver.DeliveriesAsync("/held", 2);
        Assert.Equal([first.MessageId, second.MessageId], delivered.Select(r => r.Header("Upstash-Message-Id")));
        Assert.Equal("{\"order_id\":2,\"customer_name\":\"Bo\"}", Encoding.UTF8.GetString(delivered[1].Body));
    }

    [Fact]
    public async Task DeleteAsync_QueueWithWaitingMessages_CancelsThem()
    {
        await Client.Queues.UpsertAsync("q-delete", paused: true, cancellationToken: Ct);
        var waiting = await Client.Queues.EnqueueAsync("q-delete", new PublishRequest { Destination = Receiver.Url("/never") }, Ct);

        await Client.Queues.DeleteAsync("q-delete", Ct);

        var error = await Assert.ThrowsAsync<HeraldApiException>(() => Client.Messages.GetAsync(waiting.MessageId, Ct));
        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
    }
}
