namespace Herald.Contracts.Wire;

/// <summary>The answer to <c>POST /v2/schedules/{destination}</c>.</summary>
public sealed record ScheduleCreateResponse
{
    /// <summary>The id of the created (or replaced) schedule.</summary>
    public required string ScheduleId { get; init; }
}
