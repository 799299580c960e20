using Herald.Contracts.Headers;
using Herald.Core.Messages;
using Herald.Core.Publishing;

namespace Herald.Core.Schedules;

/// <summary>
/// Which headers of a schedule-create request configure the schedule itself, which are refused, and which are stored
/// to configure every tick's messages.
/// </summary>
internal static class ScheduleHeaders
{
    // Read by the schedule itself; never part of its messages' publish headers.
    private static readonly HashSet<string> ScheduleOnly = new(StringComparer.OrdinalIgnoreCase)
    {
        UpstashHeaders.Cron, UpstashHeaders.ScheduleId, UpstashHeaders.QueueName,
    };

    /// <summary>The value of a header given at most once (repeats must agree); null when absent.</summary>
    public static string? Single(IReadOnlyList<KeyValuePair<string, string>> headers, string name)
    {
        string? found = null;
        foreach (var (key, value) in headers)
        {
            if (!key.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (found is not null && !string.Equals(found, value, StringComparison.Ordinal))
            {
                throw new PublishRejectedException($"{name} is given more than once with different values");
            }

            found = value;
        }

        return found;
    }

    /// <summary>Refuses publish headers that make no sense on a schedule.</summary>
    public static void RejectUnsupported(IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        foreach (var (name, _) in headers)
        {
            if (name.Equals(UpstashHeaders.NotBefore, StringComparison.OrdinalIgnoreCase))
            {
                throw new PublishRejectedException($"{UpstashHeaders.NotBefore} is not supported on schedules: every tick is due at its own time plus {UpstashHeaders.Delay}");
            }

            if (name.Equals(UpstashHeaders.DeduplicationId, StringComparison.OrdinalIgnoreCase)
                || name.Equals(UpstashHeaders.ContentBasedDeduplication, StringComparison.OrdinalIgnoreCase))
            {
                throw new PublishRejectedException($"{name} is not supported on schedules: every tick creates new messages");
            }
        }
    }

    /// <summary>
    /// The publish headers to store, from the request and what parsing it forwarded: <c>Content-Type</c>, every
    /// forwarded header as <c>Upstash-Forward-&lt;Name&gt;</c> (so <c>Upstash-Header-Forward</c> needs nothing more),
    /// and every other <c>Upstash-*</c> configuration header except telemetry and the schedule's own.
    /// </summary>
    public static List<KeyValuePair<string, string>> ToStore(IReadOnlyList<KeyValuePair<string, string>> request, MessageSpec parsed)
    {
        var stored = new List<KeyValuePair<string, string>>();
        foreach (var (name, values) in parsed.Headers)
        {
            var storedName = name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase) ? "Content-Type" : UpstashHeaders.ForwardPrefix + name;
            foreach (var value in values)
            {
                stored.Add(new KeyValuePair<string, string>(storedName, value));
            }
        }

        foreach (var (name, value) in request)
        {
            if (!name.StartsWith(UpstashHeaders.Prefix, StringComparison.OrdinalIgnoreCase)
                || name.StartsWith(UpstashHeaders.ForwardPrefix, StringComparison.OrdinalIgnoreCase)
                || name.StartsWith(UpstashHeaders.TelemetryPrefix, StringComparison.OrdinalIgnoreCase)
                || name.Equals(UpstashHeaders.HeaderForward, StringComparison.OrdinalIgnoreCase)
                || ScheduleOnly.Contains(name))
            {
                continue;
            }

            stored.Add(new KeyValuePair<string, string>(HeaderName.Canonicalize(name), value));
        }

        return stored;
    }

    /// <summary>The publish a tick of <paramref name="schedule"/> makes.</summary>
    public static PublishInput ToPublishInput(Schedule schedule) => new()
    {
        Destination = schedule.Destination,
        Headers = schedule.Headers,
        Body = schedule.Body ?? [],
        CallerIp = schedule.CallerIp,
    };
}
