using System.Net;

namespace Herald.Core.Egress;

/// <summary>Resolves through the operating system (<see cref="Dns.GetHostAddressesAsync(string, CancellationToken)"/>).</summary>
public sealed class SystemDnsResolver : IDnsResolver
{
    /// <inheritdoc />
    public ValueTask<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        new(Dns.GetHostAddressesAsync(host, cancellationToken));
}
