namespace Herald.Contracts.Wire;

/// <summary>A page of DLQ entries.</summary>
public sealed record DlqListResponse
{
    /// <summary>The entries.</summary>
    public required IReadOnlyList<MessageResponse> Messages { get; init; }

    /// <summary>Where the next page starts; absent on the last page.</summary>
    public string? Cursor { get; init; }
}
