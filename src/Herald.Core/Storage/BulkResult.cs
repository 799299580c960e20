namespace Herald.Core.Storage;

/// <summary>What a bulk operation touched, and where to continue when more matching rows remain.</summary>
public sealed record BulkResult<T>(IReadOnlyList<T> Items, long? NextCursor);
