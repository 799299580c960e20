namespace Herald.Contracts.Wire;

/// <summary>The answer to a bulk DLQ retry.</summary>
public sealed record DlqRetryResponse
{
    /// <summary>One element per retried entry, carrying the id of the new message.</summary>
    public required IReadOnlyList<PublishResponse> Responses { get; init; }

    /// <summary>Where to continue; absent when nothing matching is left.</summary>
    public string? Cursor { get; init; }
}
