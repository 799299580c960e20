namespace Herald.Contracts.Wire;

/// <summary>A URL group's Standard Webhooks signing: on or off, and the secrets receivers verify with.</summary>
public sealed record UrlGroupSigningResponse
{
    /// <summary>Whether the group's deliveries carry Standard Webhooks signatures.</summary>
    public required bool StandardWebhooks { get; init; }

    /// <summary>The secrets, current first.</summary>
    public IReadOnlyList<string>? Secrets { get; init; }
}
