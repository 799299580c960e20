namespace Herald.Core.UrlGroups;

/// <summary>An endpoint of a URL group, exactly as it was added (the URL is never normalised).</summary>
public sealed record UrlGroupEndpoint(string Url, string? Name);
