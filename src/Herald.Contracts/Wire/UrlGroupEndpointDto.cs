namespace Herald.Contracts.Wire;

/// <summary>A URL-group endpoint: <c>{"name"?, "url"}</c>, exactly as stored.</summary>
public sealed record UrlGroupEndpointDto
{
    /// <summary>The endpoint's name, when it has one.</summary>
    public string? Name { get; init; }

    /// <summary>The endpoint's URL, byte for byte as added.</summary>
    public string? Url { get; init; }
}
