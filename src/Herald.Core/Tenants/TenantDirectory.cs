using System.Security.Cryptography;
using System.Text;

namespace Herald.Core.Tenants;

/// <summary>Finds the tenant a bearer token belongs to. Tokens are compared by their SHA-256, never as plain strings.</summary>
public sealed class TenantDirectory
{
    private readonly Dictionary<string, Tenant> _byTokenHash;

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

    public Tenant? FindByToken(string? token) =>
        string.IsNullOrEmpty(token) ? null : _byTokenHash.GetValueOrDefault(Hash(token));

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
