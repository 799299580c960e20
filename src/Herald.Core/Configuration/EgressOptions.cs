namespace Herald.Core.Configuration;

/// <summary>Where deliveries may go (configuration section <c>Egress</c>).</summary>
public sealed class EgressOptions
{
    public const string SectionName = "Egress";

    /// <summary>
    /// Networks (CIDR, e.g. <c>10.20.0.0/16</c>, <c>127.0.0.1/32</c>) that deliveries may reach although they are
    /// private, loopback or link-local. Everything non-public is refused otherwise. <value>empty</value>
    /// </summary>
    public List<string> AllowedNetworks { get; set; } = [];
}
