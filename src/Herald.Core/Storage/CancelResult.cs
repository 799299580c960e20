namespace Herald.Core.Storage;

/// <summary>How many messages were cancelled, and which of them had an attempt in flight.</summary>
public sealed record CancelResult(int Cancelled, IReadOnlyList<string> InFlight);
