using Herald.Client.Publishing;

namespace Herald.Client.Dlq;

/// <summary>
/// Settings that override the original message's when a DLQ entry is retried as a new message (which is otherwise
/// due at once, with the original's settings).
/// </summary>
public sealed record DlqRetryOptions
{
    /// <summary>Retries of the new message.</summary>
    public int? Retries { get; init; }

    /// <summary>The retry delay expression of the new message, in milliseconds.</summary>
    public string? RetryDelay { get; init; }

    /// <summary>The per-attempt timeout of the new message.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>How long the new message waits before its first attempt.</summary>
    public TimeSpan? Delay { get; init; }

    /// <summary>The earliest first attempt of the new message (whole seconds); wins over <see cref="Delay"/>.</summary>
    public DateTimeOffset? NotBefore { get; init; }

    /// <summary>The HTTP method of the new message.</summary>
    public HttpMethod? Method { get; init; }

    internal void ApplyTo(HttpRequestMessage request) =>
        PublishHeaders.Apply(request, PublishHeaders.BuildOverrides(Retries, RetryDelay, Timeout, Delay, NotBefore, Method));
}
