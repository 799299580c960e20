using Herald.Client;
using Herald.Client.Logs;
using Herald.Samples.Consumer;
using Herald.Samples.DlqReview;
using Herald.Samples.Producer;
using Herald.Samples.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Samples.Tests;

/// <summary>
/// The samples/README.md walkthrough, end to end: a real Herald, the consumer sample on loopback, the producer sample's
/// publishing code and the DLQ review sample's code.
/// </summary>
public sealed class SampleWalkthroughTests : IAsyncLifetime
{
    private const int OrderCount = 10;
    private const int FlakyEvery = 3;

    private TestHerald _herald = null!;
    private HeraldClient _client = null!;
    private WebApplication? _consumer;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _herald = await TestHerald.StartAsync();
        _client = _herald.CreateClient();
    }

    public async ValueTask DisposeAsync()
    {
        if (_consumer is not null)
        {
            await _consumer.StopAsync();
            await _consumer.DisposeAsync();
        }

        _client.Dispose();
        await _herald.DisposeAsync();
    }

    [Theory]
    [InlineData("memory")]
    [InlineData("redis")]
    public async Task Walkthrough_FlakyAndUnbookableOrders_EveryBookableOrderIsBookedOnceAndTheUnbookableOneIsDeadLettered(string store)
    {
        var consumerUrl = await StartConsumerAsync(store == "redis" ? TestRedis.Configuration : "");
        var orders = SampleOrders.Create(OrderCount, TimeProvider.System.GetUtcNow());
        var producer = new WebhookProducer(_client) { Retries = 1, RetryDelay = "100" };

        var messageIds = new List<string>();
        foreach (var order in orders)
        {
            messageIds.Add(await producer.QueueWebhookAsync(consumerUrl, order, Ct));
        }

        // A producer that restarts and publishes everything again: the deduplication id makes it a no-op.
        var republished = new List<string>();
        foreach (var order in orders)
        {
            republished.Add(await producer.QueueWebhookAsync(consumerUrl, order, Ct));
        }

        var bookable = orders.Where(o => o.Currency != "XTS").ToList();
        var unbookable = Assert.Single(orders, o => o.Currency == "XTS");
        var book = _consumer!.Services.GetRequiredService<OrderBook>();
        await Eventually.MatchAsync(() => Task.FromResult(book.Bookings.Count), n => n == bookable.Count, "every bookable order booked");
        var dead = await Eventually.MatchAsync(
            () => new DlqReviewer(_client, TextWriter.Null).ReviewAsync(DlqAction.List, Ct),
            entries => entries.Count == 1,
            "the unbookable order in the DLQ");
        var retried = await MessagesThatWereRetriedAsync(messageIds);

        Assert.Equal(messageIds, republished);
        Assert.Equal(bookable.Select(o => o.OrderId).Order(), book.Bookings.Keys.Order());
        Assert.All(book.Bookings, b => Assert.Equal(1, b.Value));
        var entry = Assert.Single(dead);
        Assert.Equal(messageIds[orders.ToList().IndexOf(unbookable)], entry.MessageId);
        Assert.Equal(500, entry.ResponseStatus);
        Assert.Contains("cannot book currency XTS", entry.ResponseBody, StringComparison.Ordinal);
        // The forced 500s happened: every flaky order and the unbookable one needed a retry, nothing else did.
        var expectRetried = orders
            .Select((o, i) => (o, id: messageIds[i]))
            .Where(x => x.o.Currency == "XTS" || int.Parse(x.o.OrderId["order-".Length..]) % FlakyEvery == 0)
            .Select(x => x.id);
        Assert.Equal(expectRetried.Order(), retried.Order());
    }

    [Fact]
    public async Task DlqReview_ListDeleteAndRetry_PrintWhyAndActOnEveryEntry()
    {
        var consumerUrl = await StartConsumerAsync("");
        var producer = new WebhookProducer(_client) { Retries = 0 };
        var unbookable = SampleOrders.Create(7, TimeProvider.System.GetUtcNow())[6];
        var first = await producer.QueueWebhookAsync(consumerUrl, unbookable, Ct);
        await Eventually.MatchAsync(() => new DlqReviewer(_client, TextWriter.Null).ReviewAsync(DlqAction.List, Ct), e => e.Count == 1, "a DLQ entry");

        var retryOutput = new StringWriter();
        var retried = Assert.Single(await new DlqReviewer(_client, retryOutput).ReviewAsync(DlqAction.Retry, Ct));
        var again = await Eventually.MatchAsync(
            () => new DlqReviewer(_client, TextWriter.Null).ReviewAsync(DlqAction.List, Ct),
            e => e.Count == 1 && e[0].MessageId != first,
            "the retried message back in the DLQ");
        var deleteOutput = new StringWriter();
        await new DlqReviewer(_client, deleteOutput).ReviewAsync(DlqAction.Delete, Ct);
        var emptyOutput = new StringWriter();
        var empty = await new DlqReviewer(_client, emptyOutput).ReviewAsync(DlqAction.List, Ct);

        Assert.Equal(first, retried.MessageId);
        Assert.Contains("the consumer answered 500", retryOutput.ToString(), StringComparison.Ordinal);
        Assert.Contains("cannot book currency XTS", retryOutput.ToString(), StringComparison.Ordinal);
        Assert.Contains("retried as " + again[0].MessageId, retryOutput.ToString(), StringComparison.Ordinal);
        Assert.Contains("deleted", deleteOutput.ToString(), StringComparison.Ordinal);
        Assert.Empty(empty);
        Assert.Contains("The dead letter queue is empty.", emptyOutput.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Starts the consumer sample on a free loopback port, as <c>dotnet run</c> would with these arguments.</summary>
    private async Task<string> StartConsumerAsync(string redis)
    {
        _consumer = ConsumerApp.Build(
        [
            "--urls", "http://127.0.0.1:0",
            "--QSTASH_CURRENT_SIGNING_KEY=" + TestHerald.CurrentKey,
            "--QSTASH_NEXT_SIGNING_KEY=" + TestHerald.NextKey,
            "--REDIS_URL=" + redis,
            "--Consumer:FlakyEvery=" + FlakyEvery,
            "--Logging:LogLevel:Default=None",
        ]);
        await _consumer.StartAsync(Ct);
        var address = _consumer.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return address.TrimEnd('/') + "/webhooks/orders";
    }

    private async Task<List<string>> MessagesThatWereRetriedAsync(IEnumerable<string> messageIds)
    {
        var retried = new List<string>();
        foreach (var id in messageIds)
        {
            var page = await _client.Logs.ListPageAsync(new LogFilter { MessageIds = [id] }, cancellationToken: Ct);
            if (page.Events.Any(e => e.State == "RETRY"))
            {
                retried.Add(id);
            }
        }

        return retried;
    }
}
