namespace Herald.Core.UrlGroups;

/// <summary>URL groups and their endpoints, per tenant.</summary>
public interface IUrlGroupStore
{
    /// <summary>Adds endpoints (creating the group); an endpoint equal in URL and name to an existing one is not added twice.</summary>
    Task AddEndpointsAsync(string tenantId, string name, IReadOnlyList<UrlGroupEndpoint> endpoints, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Removes endpoints matching by URL (when given) and name (when given); removing the last one deletes the group.
    /// Returns false when the group does not exist.
    /// </summary>
    Task<bool> RemoveEndpointsAsync(string tenantId, string name, IReadOnlyList<UrlGroupEndpoint> endpoints, DateTimeOffset now, CancellationToken cancellationToken);

    Task<UrlGroup?> GetAsync(string tenantId, string name, CancellationToken cancellationToken);

    Task<IReadOnlyList<UrlGroup>> ListAsync(string tenantId, CancellationToken cancellationToken);

    /// <summary>Sets (or with null removes) the group's Standard Webhooks secrets, current first. False when unknown.</summary>
    Task<bool> SetStandardWebhooksSecretsAsync(string tenantId, string name, IReadOnlyList<string>? secrets, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Deletes the group; messages already created for its endpoints continue. False when unknown.</summary>
    Task<bool> DeleteAsync(string tenantId, string name, CancellationToken cancellationToken);
}
