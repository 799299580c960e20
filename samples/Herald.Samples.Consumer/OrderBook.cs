using System.Collections.Concurrent;

namespace Herald.Samples.Consumer;

/// <summary>Stands in for the consumer's database: which orders were booked, and how many times.</summary>
public sealed class OrderBook
{
    private readonly ConcurrentDictionary<string, int> _bookings = new(StringComparer.Ordinal);

    /// <summary>Only these currencies can be booked.</summary>
    public static readonly IReadOnlySet<string> Currencies = new HashSet<string>(["EUR", "USD"], StringComparer.Ordinal);

    /// <summary>Booked order ids and how many times each was booked (exactly once, if all goes well).</summary>
    public IReadOnlyDictionary<string, int> Bookings => _bookings;

    public void Book(OrderPaidEvent order) => _bookings.AddOrUpdate(order.OrderId, 1, static (_, n) => n + 1);
}
