namespace Herald.Samples.Producer;

/// <summary>The webhook payload: an order was paid. The consumer has its own copy of this contract.</summary>
/// <param name="EventId">Unique per event; also the deduplication id, so publishing an event twice stores it once.</param>
/// <param name="Type">Always <c>order.paid</c>.</param>
/// <param name="OrderId">The order.</param>
/// <param name="Amount">What was paid.</param>
/// <param name="Currency">ISO 4217 code.</param>
/// <param name="PaidAt">When.</param>
public sealed record OrderPaidEvent(string EventId, string Type, string OrderId, decimal Amount, string Currency, DateTimeOffset PaidAt);
