namespace Herald.Client.Publishing;

/// <summary>
/// How a callback (or failure callback) message is delivered: the publish options with the
/// <c>Upstash-Callback-</c> (or <c>Upstash-Failure-Callback-</c>) prefix.
/// </summary>
public sealed record CallbackOptions
{
    /// <summary>The HTTP method of the callback (<c>-Method</c>). Default on the server: POST.</summary>
    public HttpMethod? Method { get; init; }

    /// <summary>Retries of the callback (<c>-Retries</c>). Default on the server: the message's retries.</summary>
    public int? Retries { get; init; }

    /// <summary>The callback's per-attempt timeout (<c>-Timeout</c>).</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>How long to wait before calling back (<c>-Delay</c>).</summary>
    public TimeSpan? Delay { get; init; }

    /// <summary>The callback's retry delay expression in milliseconds (<c>-Retry-Delay</c>).</summary>
    public string? RetryDelay { get; init; }

    /// <summary>Headers sent to the callback URL (<c>-Forward-&lt;Name&gt;</c>).</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }
}
