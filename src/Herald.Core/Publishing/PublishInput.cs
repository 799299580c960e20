namespace Herald.Core.Publishing;

/// <summary>A publish as it arrived: the destination, every header (repeated names repeat), the raw body.</summary>
public sealed record PublishInput
{
    /// <summary>The destination exactly as given (a URL; query string included).</summary>
    public required string Destination { get; init; }

    /// <summary>Request headers and <c>upstash-*</c> query parameters, in arrival order.</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; }

    public required byte[] Body { get; init; }

    public string? CallerIp { get; init; }

    public string? TraceParent { get; init; }
}
