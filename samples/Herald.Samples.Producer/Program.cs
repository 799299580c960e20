// Queues order-paid webhooks for the consumer through Herald.
//
//   dotnet run --project samples/Herald.Samples.Producer -- [consumer URL] [count]
//
// QSTASH_URL and QSTASH_TOKEN come from `herald dev` (the defaults below are its published development values).
using Herald.Client;
using Herald.Samples.Producer;

var consumerUrl = args.ElementAtOrDefault(0) ?? "http://127.0.0.1:5080/webhooks/orders";
var count = int.TryParse(args.ElementAtOrDefault(1), out var n) ? n : 10;

using var herald = new HeraldClient(new HeraldClientOptions
{
    BaseAddress = new Uri(Environment.GetEnvironmentVariable("QSTASH_URL") ?? "http://127.0.0.1:8080"),
    Token = Environment.GetEnvironmentVariable("QSTASH_TOKEN") ?? "eyJVc2VySUQiOiJkZWZhdWx0VXNlciIsIlBhc3N3b3JkIjoiZGVmYXVsdFBhc3N3b3JkIn0=",
});
var producer = new WebhookProducer(herald);

foreach (var order in SampleOrders.Create(count, TimeProvider.System.GetUtcNow()))
{
    var messageId = await producer.QueueWebhookAsync(consumerUrl, order);
    Console.WriteLine($"queued {order.EventId} ({order.Amount} {order.Currency}) as {messageId}");
}
