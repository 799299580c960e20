using System.Net;

namespace Herald.Core.Egress;

/// <summary>Resolves host names for <see cref="EgressConnector"/>; replaceable in tests.</summary>
public interface IDnsResolver
{
    /// <summary>Returns the addresses of <paramref name="host"/>, possibly none.</summary>
    ValueTask<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);
}
