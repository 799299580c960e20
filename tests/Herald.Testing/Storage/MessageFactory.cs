using System.Globalization;
using Herald.Core.Messages;

namespace Herald.Testing.Storage;

/// <summary>
/// Builds <see cref="NewMessage"/> and <see cref="MessageSpec"/> instances for storage tests. Every id is unique;
/// adjust the result with <c>with</c> expressions.
/// </summary>
public static class MessageFactory
{
    private static long _sequence;

    /// <summary>The default destination.</summary>
    public const string DefaultUrl = "https://receiver.example.com/hooks/default";

    /// <summary>A fresh message id, unique in the process.</summary>
    public static string NewMessageId() => "msg_" + Next();

    /// <summary>A fresh DLQ id, unique in the process.</summary>
    public static string NewDlqId() => "dlq_" + Next();

    /// <summary>A plain POST with a small text body, due at <paramref name="notBefore"/>.</summary>
    public static MessageSpec Spec(DateTimeOffset notBefore, string url = DefaultUrl) => new()
    {
        Url = url,
        Method = "POST",
        Headers = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
        {
            ["Content-Type"] = ["text/plain"],
        },
        Body = "hello"u8.ToArray(),
        MaxRetries = 3,
        Timeout = TimeSpan.FromSeconds(30),
        NotBefore = notBefore,
    };

    /// <summary>A spec with every optional field set, to check that a store keeps all of them.</summary>
    public static MessageSpec FullSpec(DateTimeOffset notBefore) => new()
    {
        Url = "https://Receiver.Example.com:8443/hooks/full?x=1&y=%20z",
        TopicName = "orders",
        EndpointName = "billing",
        QueueName = "queue-1",
        ScheduleId = "scd_123",
        Method = "PUT",
        Headers = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
        {
            ["X-Zeta"] = ["last-declared-first"],
            ["Content-Type"] = ["application/octet-stream"],
            ["X-Multi"] = ["one", "two, with comma", "three"],
            ["X-Unicode"] = ["caf\u00e9 \u2713"],
            ["X-Empty"] = [""],
        },
        Body = [0xFF, 0xFE, 0x00, 0x80, 0xC3, 0x28, 0x0A, 0x0D, 0x7F, 0xF0, 0x90, 0x80],
        MaxRetries = 7,
        RetryDelayExpression = "pow(2, retried) * 1000",
        Timeout = TimeSpan.FromSeconds(45),
        NotBefore = notBefore,
        CallerIp = "203.0.113.7",
        Labels = ["zeta", "alpha", "mid-label"],
        FlowControl = new FlowControl("customer-42", Parallelism: 3, Rate: 20, Period: TimeSpan.FromMinutes(1)),
        Callback = "https://callbacks.example.com/ok",
        FailureCallback = "https://callbacks.example.com/failed",
        CallbackHeaders = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
        {
            ["X-Callback-Token"] = ["cb-1", "cb-2"],
        },
        FailureCallbackHeaders = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
        {
            ["X-Failure-Token"] = ["fail-1"],
        },
        Redact = new RedactFields(Body: true, AllHeaders: false, Headers: ["Authorization", "X-Secret"]),
        TraceParent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
    };

    /// <summary>A new message of <paramref name="tenantId"/> created at <paramref name="createdAt"/>, due then unless the spec says otherwise.</summary>
    public static NewMessage Message(string tenantId, DateTimeOffset createdAt, MessageSpec? spec = null) => new()
    {
        Id = NewMessageId(),
        TenantId = tenantId,
        CreatedAt = createdAt,
        Spec = spec ?? Spec(createdAt),
    };

    /// <summary>A new message that holds <paramref name="dedupKey"/> until <paramref name="dedupExpiresAt"/>.</summary>
    public static NewMessage Deduplicated(string tenantId, DateTimeOffset createdAt, string dedupKey, DateTimeOffset dedupExpiresAt) =>
        Message(tenantId, createdAt) with { DedupKey = dedupKey, DedupExpiresAt = dedupExpiresAt };

    private static string Next() =>
        Guid.NewGuid().ToString("N")[..12] + Interlocked.Increment(ref _sequence).ToString(CultureInfo.InvariantCulture);
}
