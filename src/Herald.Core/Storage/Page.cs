namespace Herald.Core.Storage;

/// <summary>A page of results; <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, long? NextCursor);
