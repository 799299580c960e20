using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Herald.Samples.Consumer;

/// <summary>
/// <c>POST /webhooks/orders</c>. By the time this runs, <c>RequireHeraldSignature()</c> has verified that Herald sent it
/// and <c>WithIdempotency()</c> has made sure no other delivery of the same message ran (or is running) it. A 2xx
/// answer marks the message processed; anything else tells Herald to retry later.
/// </summary>
public sealed partial class OrderWebhook
{
    private OrderWebhook()
    {
    }

    public static IResult Handle(
        OrderPaidEvent order,
        [FromHeader(Name = "Upstash-Message-Id")] string messageId,
        [FromHeader(Name = "Upstash-Retried")] int retried,
        OrderBook book,
        IOptions<ConsumerOptions> options,
        ILogger<OrderWebhook> logger)
    {
        if (!OrderBook.Currencies.Contains(order.Currency))
        {
            // A permanent failure: every retry fails the same way, and the message ends in the dead letter queue.
            LogCannotBook(logger, order.OrderId, order.Currency, retried);
            return Results.Problem($"cannot book currency {order.Currency}", statusCode: StatusCodes.Status500InternalServerError);
        }

        var every = options.Value.FlakyEvery;
        if (every > 0 && retried == 0 && OrderNumber(order) % every == 0)
        {
            // A transient failure (the payment ledger timed out, say): nothing was booked, Herald will retry.
            LogFlaky(logger, order.OrderId, messageId);
            return Results.Problem("the ledger is unavailable, try again", statusCode: StatusCodes.Status500InternalServerError);
        }

        book.Book(order);
        LogProcessed(logger, order.OrderId, order.Amount, order.Currency, messageId, retried);
        return Results.Ok(new { processed = order.EventId });
    }

    private static int OrderNumber(OrderPaidEvent order) =>
        int.Parse(order.OrderId.AsSpan(order.OrderId.LastIndexOf('-') + 1), CultureInfo.InvariantCulture);

    [LoggerMessage(1, LogLevel.Information, "Processed {OrderId}: {Amount} {Currency} (message {MessageId}, attempt {Retried})")]
    private static partial void LogProcessed(ILogger logger, string orderId, decimal amount, string currency, string messageId, int retried);

    [LoggerMessage(2, LogLevel.Warning, "Simulated outage for {OrderId} (message {MessageId}): answering 500 so Herald retries")]
    private static partial void LogFlaky(ILogger logger, string orderId, string messageId);

    [LoggerMessage(3, LogLevel.Error, "Cannot book {OrderId} paid in {Currency} (attempt {Retried}): answering 500")]
    private static partial void LogCannotBook(ILogger logger, string orderId, string currency, int retried);
}
