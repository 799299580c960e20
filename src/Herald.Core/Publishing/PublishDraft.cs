using Herald.Core.Messages;

namespace Herald.Core.Publishing;

/// <summary>
/// A validated publish: the spec every resulting message shares, its deduplication key if any, and for a URL-group
/// destination the group's name (the spec's URL is then filled in per endpoint).
/// </summary>
public sealed record PublishDraft(MessageSpec Spec, string? DedupKey, string? UrlGroup = null);
