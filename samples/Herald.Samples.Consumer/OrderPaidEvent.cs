namespace Herald.Samples.Consumer;

/// <summary>The webhook payload (the consumer's copy of the producer's contract).</summary>
/// <param name="EventId">Unique per event.</param>
/// <param name="Type">Always <c>order.paid</c>.</param>
/// <param name="OrderId">The order.</param>
/// <param name="Amount">What was paid.</param>
/// <param name="Currency">ISO 4217 code.</param>
/// <param name="PaidAt">When.</param>
public sealed record OrderPaidEvent(string EventId, string Type, string OrderId, decimal Amount, string Currency, DateTimeOffset PaidAt);
