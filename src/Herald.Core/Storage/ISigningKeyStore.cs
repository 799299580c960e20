namespace Herald.Core.Storage;

/// <summary>Per-tenant signing keys, persisted so a rotation survives restarts.</summary>
public interface ISigningKeyStore
{
    Task<SigningKeyPair?> GetAsync(string tenantId, CancellationToken cancellationToken);

    /// <summary>Stores <paramref name="initial"/> if the tenant has no keys yet; returns the keys in effect.</summary>
    Task<SigningKeyPair> EnsureAsync(string tenantId, SigningKeyPair initial, CancellationToken cancellationToken);

    /// <summary>Makes the next key current and <paramref name="newNext"/> the next key; returns the new pair.</summary>
    Task<SigningKeyPair> RotateAsync(string tenantId, string newNext, CancellationToken cancellationToken);
}
