namespace Herald.Core.Storage;

/// <summary>The key deliveries are signed with, and the one that replaces it at the next rotation.</summary>
public sealed record SigningKeyPair(string Current, string Next);
