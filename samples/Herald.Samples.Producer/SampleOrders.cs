namespace Herald.Samples.Producer;

/// <summary>A deterministic batch of events for the walkthrough.</summary>
public static class SampleOrders
{
    /// <summary>
    /// Orders 1001, 1002, ...; every seventh is paid in <c>XTS</c> (the ISO code reserved for tests), which the consumer
    /// cannot book: that one fails on every attempt and ends in the dead letter queue.
    /// </summary>
    public static IReadOnlyList<OrderPaidEvent> Create(int count, DateTimeOffset paidAt) =>
        Enumerable.Range(1, count)
            .Select(i => new OrderPaidEvent(
                EventId: $"evt_order_{1000 + i}_paid",
                Type: "order.paid",
                OrderId: $"order-{1000 + i}",
                Amount: 10m * i,
                Currency: i % 7 == 0 ? "XTS" : "EUR",
                PaidAt: paidAt))
            .ToList();
}
