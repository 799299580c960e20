namespace Herald.Contracts.Wire;

/// <summary>A page of <c>GET /v2/events</c>.</summary>
public sealed record EventsResponse
{
    /// <summary>Where the next page starts; absent on the last page.</summary>
    public string? Cursor { get; init; }

    /// <summary>The entries.</summary>
    public required IReadOnlyList<LogEntry> Events { get; init; }
}
