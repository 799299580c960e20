namespace Herald.Core.UrlGroups;

/// <summary>
/// A URL group (QStash "topic"): publishing to its name fans out to every endpoint. When
/// <see cref="StandardWebhooksSecrets"/> is set, its deliveries are also signed the Standard Webhooks way.
/// </summary>
public sealed record UrlGroup(
    string Name,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<UrlGroupEndpoint> Endpoints,
    IReadOnlyList<string>? StandardWebhooksSecrets = null);
