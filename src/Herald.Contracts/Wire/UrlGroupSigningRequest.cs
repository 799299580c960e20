namespace Herald.Contracts.Wire;

/// <summary>The body of <c>PUT /v2/topics/{name}/signing</c>: whether the group's deliveries also carry Standard Webhooks signatures.</summary>
public sealed record UrlGroupSigningRequest
{
    /// <summary>Sign the group's deliveries the Standard Webhooks way too.</summary>
    public bool? StandardWebhooks { get; init; }

    /// <summary>The <c>whsec_</c> secrets to sign with, current first (several while rotating); one is generated when absent.</summary>
    public List<string>? Secrets { get; init; }
}
