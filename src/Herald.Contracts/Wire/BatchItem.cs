namespace Herald.Contracts.Wire;

/// <summary>One item of <c>POST /v2/batch</c>.</summary>
public sealed record BatchItem
{
    /// <summary>A URL or a URL-group name.</summary>
    public string? Destination { get; init; }

    /// <summary>Publish headers (configuration, forwarding, content type), as for a single publish.</summary>
    public Dictionary<string, string>? Headers { get; init; }

    /// <summary>The message body as a string.</summary>
    public string? Body { get; init; }

    /// <summary>A queue to enqueue into.</summary>
    public string? Queue { get; init; }
}
