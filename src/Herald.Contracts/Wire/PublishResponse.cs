namespace Herald.Contracts.Wire;

/// <summary>The answer to a publish to a URL, and one element of the answer to a URL-group publish.</summary>
public sealed record PublishResponse
{
    /// <summary>The id of the stored message (for a deduplicated publish, the original message).</summary>
    public required string MessageId { get; init; }

    /// <summary>The destination URL of the message.</summary>
    public string? Url { get; init; }

    /// <summary><see langword="true"/> when the publish matched an earlier one and nothing new was stored.</summary>
    public bool? Deduplicated { get; init; }
}
