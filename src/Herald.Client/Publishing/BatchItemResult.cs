namespace Herald.Client.Publishing;

/// <summary>The outcome of one item of a batch: what it stored, or why the server refused it (the others are stored).</summary>
public sealed class BatchItemResult
{
    internal BatchItemResult(PublishResult? result, string? error)
    {
        Result = result;
        Error = error;
    }

    /// <summary>Whether the item was stored.</summary>
    public bool IsSuccess => Error is null;

    /// <summary>What the item stored; <see langword="null"/> when it was refused.</summary>
    public PublishResult? Result { get; }

    /// <summary>Why the item was refused; <see langword="null"/> when it was stored.</summary>
    public string? Error { get; }
}
