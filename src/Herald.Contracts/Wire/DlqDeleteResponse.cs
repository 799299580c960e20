namespace Herald.Contracts.Wire;

/// <summary>The answer to a bulk DLQ delete.</summary>
public sealed record DlqDeleteResponse
{
    /// <summary>How many entries were deleted.</summary>
    public required int Deleted { get; init; }

    /// <summary>Where to continue; absent when nothing matching is left.</summary>
    public string? Cursor { get; init; }
}
