namespace Herald.Core.Messages;

/// <summary>
/// Message states, named as QStash names them in its logs API. Values are persisted; never renumber.
/// </summary>
public enum MessageState
{
    /// <summary>Stored, waiting for its time.</summary>
    Created = 0,

    /// <summary>Claimed; an attempt is in flight.</summary>
    Active = 1,

    /// <summary>An attempt failed; the next one is scheduled.</summary>
    Retry = 2,

    /// <summary>An attempt failed (an event, not a resting state).</summary>
    Error = 3,

    /// <summary>The destination answered 2xx.</summary>
    Delivered = 4,

    /// <summary>Retries exhausted or non-retryable; the message is in the DLQ.</summary>
    Failed = 5,

    /// <summary>Cancelled while an attempt was in flight; ends when the attempt ends.</summary>
    CancelRequested = 6,

    /// <summary>Cancelled.</summary>
    Canceled = 7,
}
