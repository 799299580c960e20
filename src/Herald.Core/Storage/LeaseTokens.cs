namespace Herald.Core.Storage;

/// <summary>
/// Lease tokens: they only tell one lease of a message from its earlier and later ones and are never shown to anyone,
/// so they need uniqueness (63 random bits, never zero), not a CSPRNG call per claim.
/// </summary>
public static class LeaseTokens
{
    public static long New() => Random.Shared.NextInt64() | 1;
}
