namespace Herald.Contracts.Wire;

/// <summary>The body of adding or removing URL-group endpoints.</summary>
public sealed record UrlGroupEndpointsRequest
{
    /// <summary>The endpoints.</summary>
    public List<UrlGroupEndpointDto>? Endpoints { get; init; }
}
