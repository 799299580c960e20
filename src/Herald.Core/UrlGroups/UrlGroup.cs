namespace Herald.Core.UrlGroups;

/// <summary>A URL group (QStash "topic"): publishing to its name fans out to every endpoint.</summary>
public sealed record UrlGroup(string Name, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, IReadOnlyList<UrlGroupEndpoint> Endpoints);
