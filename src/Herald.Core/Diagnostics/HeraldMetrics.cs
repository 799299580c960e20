using System.Diagnostics.Metrics;
using Herald.Core.Delivery;

namespace Herald.Core.Diagnostics;

/// <summary>Herald's instruments, named after OpenTelemetry conventions.</summary>
public sealed class HeraldMetrics
{
    private readonly Counter<long> _published;
    private readonly Counter<long> _deduplicated;
    private readonly Counter<long> _attempts;
    private readonly Histogram<double> _attemptDuration;
    private readonly Counter<long> _deadLettered;

    public HeraldMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(HeraldTelemetry.Name);
        _published = meter.CreateCounter<long>("herald.messages.published", "{message}", "Messages stored by publish.");
        _deduplicated = meter.CreateCounter<long>("herald.messages.deduplicated", "{message}", "Publishes answered with an earlier message.");
        _attempts = meter.CreateCounter<long>("herald.delivery.attempts", "{attempt}", "Delivery attempts by outcome.");
        _attemptDuration = meter.CreateHistogram<double>("herald.delivery.duration", "s", "Delivery attempt duration.");
        _deadLettered = meter.CreateCounter<long>("herald.messages.dead_lettered", "{message}", "Messages moved to the DLQ.");
    }

    public void Published(int stored, int deduplicated)
    {
        if (stored > 0)
        {
            _published.Add(stored);
        }

        if (deduplicated > 0)
        {
            _deduplicated.Add(deduplicated);
        }
    }

    public void Attempt(AttemptResult result)
    {
        var outcome = result.Success ? "success" : FailureCategories.ToWire(result.Category ?? FailureCategory.ConnectionError);
        _attempts.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        _attemptDuration.Record(result.Latency.TotalSeconds, new KeyValuePair<string, object?>("outcome", outcome));
    }

    public void DeadLettered() => _deadLettered.Add(1);
}
