namespace Herald.Core.Storage;

/// <summary>Claimed messages and when the next pending message becomes due (null when none is pending).</summary>
public sealed record ClaimResult(IReadOnlyList<ClaimedMessage> Messages, DateTimeOffset? NextDueAt);
