namespace Herald.Contracts.Wire;

/// <summary>The signing keys of a tenant.</summary>
/// <param name="Current">The key deliveries are signed with.</param>
/// <param name="Next">The key that becomes current at the next rotation.</param>
public sealed record SigningKeysResponse(string Current, string Next);
