namespace Herald.Contracts.Wire;

/// <summary>A page of <c>GET /v2/logs</c>.</summary>
public sealed record LogsResponse
{
    /// <summary>Where the next page starts; absent on the last page.</summary>
    public string? Cursor { get; init; }

    /// <summary>The entries.</summary>
    public required IReadOnlyList<LogEntry> Logs { get; init; }
}
