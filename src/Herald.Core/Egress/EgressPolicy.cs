using System.Net;

namespace Herald.Core.Egress;

/// <summary>
/// Which destination addresses outgoing deliveries may connect to: public addresses always, anything else only when it
/// falls inside one of <see cref="AllowedNetworks"/>. Guards against SSRF into private networks and cloud metadata.
/// </summary>
public sealed class EgressPolicy
{
    /// <summary>Creates a policy that additionally allows <paramref name="allowedNetworks"/>.</summary>
    public EgressPolicy(IEnumerable<IPNetwork> allowedNetworks)
    {
        ArgumentNullException.ThrowIfNull(allowedNetworks);
        AllowedNetworks = Array.AsReadOnly(allowedNetworks.ToArray());
    }

    /// <summary>Public addresses only.</summary>
    public static EgressPolicy Default { get; } = new([]);

    /// <summary><c>127.0.0.0/8</c> and <c>::1/128</c>.</summary>
    public static IReadOnlyList<IPNetwork> LoopbackNetworks { get; } = Array.AsReadOnly(
    [
        IPNetwork.Parse("127.0.0.0/8"),
        IPNetwork.Parse("::1/128"),
    ]);

    /// <summary>The RFC 1918 ranges and IPv6 unique local addresses: <c>10/8</c>, <c>172.16/12</c>, <c>192.168/16</c>, <c>fc00::/7</c>.</summary>
    public static IReadOnlyList<IPNetwork> PrivateNetworks { get; } = Array.AsReadOnly(
    [
        IPNetwork.Parse("10.0.0.0/8"),
        IPNetwork.Parse("172.16.0.0/12"),
        IPNetwork.Parse("192.168.0.0/16"),
        IPNetwork.Parse("fc00::/7"),
    ]);

    /// <summary>Networks allowed in addition to public addresses.</summary>
    public IReadOnlyList<IPNetwork> AllowedNetworks { get; }

    /// <summary>
    /// Whether the address is globally routable. IPv4-mapped and IPv4-compatible IPv6 addresses (and 6to4 addresses)
    /// are judged by their embedded IPv4 address; IPv6 outside <c>2000::/3</c> is never public.
    /// </summary>
    public static bool IsPublic(IPAddress address) => AddressClassifier.IsPublic(address);

    /// <summary>Whether a connection to <paramref name="address"/> is permitted.</summary>
    public bool IsAllowed(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var effective = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        foreach (var network in AllowedNetworks)
        {
            if (network.Contains(effective) || network.Contains(address))
            {
                return true;
            }
        }

        return IsPublic(effective);
    }
}
