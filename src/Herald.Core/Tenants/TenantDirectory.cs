using System.Security.Cryptography;
using System.Text;

namespace Herald.Core.Tenants;

/// <summary>Finds the tenant a bearer token belongs to. Tokens are compared by their SHA-256, never as plain strings.</summary>
public sealed class TenantDirectory
{
    private const int MaxRememberedTokens = 1024;

    private readonly Dictionary<string, Tenant> _byTokenHash;

    // Valid tokens already seen, so the hash is computed once per token rather than once per request.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Tenant> _seen = new(StringComparer.Ordinal);

    public TenantDirectory(IEnumerable<Tenant> tenants)
    {
        Tenants = [.. tenants];
        _byTokenHash = new Dictionary<string, Tenant>(StringComparer.Ordinal);
        foreach (var tenant in Tenants)
        {
            if (string.IsNullOrWhiteSpace(tenant.Id) || string.IsNullOrWhiteSpace(tenant.Token))
            {
                throw new ArgumentException("every tenant needs an Id and a Token");
            }

            foreach (var secret in tenant.StandardWebhooksSecrets ?? [])
            {
                if (!IsSecret(secret))
                {
                    throw new ArgumentException($"tenant '{tenant.Id}' has a Standard Webhooks secret that is not whsec_ followed by base64");
                }
            }

            if (!_byTokenHash.TryAdd(Hash(tenant.Token), tenant))
            {
                throw new ArgumentException($"tenant '{tenant.Id}' reuses another tenant's token");
            }
        }

        if (Tenants.Select(t => t.Id).Distinct(StringComparer.Ordinal).Count() != Tenants.Count)
        {
            throw new ArgumentException("tenant ids must be unique");
        }
    }

    public IReadOnlyList<Tenant> Tenants { get; }

    public Tenant? FindById(string id) => Tenants.FirstOrDefault(t => t.Id == id);

    public Tenant? FindByToken(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        if (_seen.TryGetValue(token, out var known))
        {
            return known;
        }

        var tenant = _byTokenHash.GetValueOrDefault(Hash(token));
        if (tenant is not null && _seen.Count < MaxRememberedTokens)
        {
            _seen.TryAdd(token, tenant);
        }

        return tenant;
    }

    public static bool IsSecret(string secret)
    {
        try
        {
            return secret.StartsWith(Contracts.Signing.StandardWebhooksSignature.SecretPrefix, StringComparison.Ordinal)
                && Contracts.Signing.StandardWebhooksSignature.SecretBytes(secret).Length >= 16;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
