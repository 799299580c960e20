using Herald.Core.Messages;

namespace Herald.Core.Storage;

/// <summary>A message whose last attempt failed, with that attempt's response.</summary>
public sealed record DlqEntry
{
    public required string DlqId { get; init; }

    public required Message Message { get; init; }

    public required DateTimeOffset FailedAt { get; init; }

    public int ResponseStatus { get; init; }

    public IReadOnlyDictionary<string, string[]>? ResponseHeaders { get; init; }

    public byte[]? ResponseBody { get; init; }

    public string? Error { get; init; }

    public string? ErrorCategory { get; init; }
}
