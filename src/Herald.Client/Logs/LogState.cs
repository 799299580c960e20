namespace Herald.Client.Logs;

/// <summary>A message state, as a log filter.</summary>
public enum LogState
{
    /// <summary>Stored, waiting for its time (<c>CREATED</c>).</summary>
    Created,

    /// <summary>An attempt is in flight (<c>ACTIVE</c>).</summary>
    Active,

    /// <summary>An attempt failed and the next is scheduled (<c>RETRY</c>).</summary>
    Retry,

    /// <summary>An attempt failed (<c>ERROR</c>).</summary>
    Error,

    /// <summary>Delivered (<c>DELIVERED</c>).</summary>
    Delivered,

    /// <summary>Failed for good, now in the DLQ (<c>FAILED</c>).</summary>
    Failed,

    /// <summary>Cancelled while an attempt was in flight (<c>CANCEL_REQUESTED</c>).</summary>
    CancelRequested,

    /// <summary>Cancelled (<c>CANCELED</c>).</summary>
    Canceled,

    /// <summary>Any of <see cref="Active"/>, <see cref="Retry"/> and <see cref="Error"/> (<c>IN_PROGRESS</c>, a filter only).</summary>
    InProgress,
}
