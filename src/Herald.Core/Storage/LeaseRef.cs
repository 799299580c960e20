namespace Herald.Core.Storage;

/// <summary>A claimed message and the token of the claim.</summary>
public readonly record struct LeaseRef(string MessageId, long LeaseToken);
