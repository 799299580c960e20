namespace Herald.Contracts.Wire;

/// <summary>The JSON body form of bulk operations: <c>{"messageIds": [...]}</c> or <c>{"dlqIds": [...]}</c>.</summary>
public sealed record IdListRequest
{
    /// <summary>Message ids (bulk cancel).</summary>
    public string[]? MessageIds { get; init; }

    /// <summary>DLQ ids (bulk DLQ delete and retry).</summary>
    public string[]? DlqIds { get; init; }
}
