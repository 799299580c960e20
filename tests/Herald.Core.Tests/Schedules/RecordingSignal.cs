using System.Collections.Concurrent;
using Herald.Core.Delivery;

namespace Herald.Core.Tests.Schedules;

/// <summary>Records the due times the runner signals to the delivery engine.</summary>
internal sealed class RecordingSignal : IDeliverySignal
{
    private readonly ConcurrentQueue<DateTimeOffset> _signals = new();

    public IReadOnlyList<DateTimeOffset> Signals => [.. _signals];

    public void MessagesStored(DateTimeOffset dueAt) => _signals.Enqueue(dueAt);
}
