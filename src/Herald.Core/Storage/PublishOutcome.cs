namespace Herald.Core.Storage;

/// <summary>What happened to one message of a publish: stored, or deduplicated onto an earlier message.</summary>
public readonly record struct PublishOutcome(string MessageId, bool Deduplicated);
