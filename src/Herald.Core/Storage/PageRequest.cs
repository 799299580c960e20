namespace Herald.Core.Storage;

/// <summary>A page: continue after <see cref="Cursor"/>, at most <see cref="Count"/> items, newest first if <see cref="Descending"/>.</summary>
public sealed record PageRequest(long? Cursor, int Count, bool Descending = false);
