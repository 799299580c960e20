namespace Herald.Contracts.Wire;

/// <summary>A URL group.</summary>
public sealed record UrlGroupResponse
{
    /// <summary>The group's name.</summary>
    public required string Name { get; init; }

    /// <summary>Creation time, Unix milliseconds.</summary>
    public required long CreatedAt { get; init; }

    /// <summary>Last change, Unix milliseconds.</summary>
    public required long UpdatedAt { get; init; }

    /// <summary>The endpoints in the order they were added.</summary>
    public required IReadOnlyList<UrlGroupEndpointDto> Endpoints { get; init; }
}
