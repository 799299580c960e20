using Herald.Core.Messages;

namespace Herald.Core.Publishing;

/// <summary>A validated publish: the spec every resulting message shares, and its deduplication key if any.</summary>
public sealed record PublishDraft(MessageSpec Spec, string? DedupKey);
