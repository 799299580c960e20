namespace Herald.Core.Tenants;

/// <summary>One configured tenant (configuration section <c>Tenants</c>, a list).</summary>
public sealed class TenantConfiguration
{
    /// <summary>A stable name; every stored row is keyed by it.</summary>
    public string Id { get; set; } = "";

    /// <summary>The bearer token that authenticates as this tenant.</summary>
    public string Token { get; set; } = "";

    /// <summary>The signing key to start with; generated on first start when absent.</summary>
    public string? CurrentSigningKey { get; set; }

    /// <summary>The next signing key to start with; generated on first start when absent.</summary>
    public string? NextSigningKey { get; set; }

    /// <summary>
    /// Standard Webhooks secrets (<c>whsec_...</c>, current first): when set, every delivery of the tenant also
    /// carries <c>webhook-id</c>, <c>webhook-timestamp</c> and <c>webhook-signature</c>.
    /// </summary>
    public List<string> StandardWebhooksSecrets { get; set; } = [];
}
