namespace Herald.Core.Schedules;

/// <summary>Where a message of a schedule's last tick stands (QStash's <c>lastScheduleStates</c> values).</summary>
public enum ScheduleMessageState
{
    /// <summary>Waiting, in flight or waiting for a retry.</summary>
    InProgress = 0,

    /// <summary>Delivered.</summary>
    Success = 1,

    /// <summary>Failed into the DLQ, or cancelled.</summary>
    Fail = 2,
}
