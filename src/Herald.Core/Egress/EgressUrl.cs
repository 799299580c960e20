using System.Diagnostics.CodeAnalysis;
using System.Net;

namespace Herald.Core.Egress;

/// <summary>Early, DNS-free checks of a destination URL against an <see cref="EgressPolicy"/>.</summary>
public static class EgressUrl
{
    /// <summary>
    /// Whether the URL's host is an IP literal that <paramref name="policy"/> blocks. The host is read as HTTP clients
    /// see it: <see cref="Uri"/> already canonicalises <c>127.1</c>, <c>2130706433</c>, <c>0x7f000001</c> and
    /// <c>0177.0.0.1</c> to <c>127.0.0.1</c>, and non-ASCII digits (e.g. full-width) are caught through the IDN host.
    /// </summary>
    public static bool TryGetBlockedLiteral(Uri uri, EgressPolicy policy, [NotNullWhen(true)] out IPAddress? address)
    {
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentNullException.ThrowIfNull(policy);
        address = null;
        if (!uri.IsAbsoluteUri)
        {
            return false;
        }

        var host = uri.HostNameType switch
        {
            UriHostNameType.IPv4 or UriHostNameType.IPv6 => uri.Host,
            UriHostNameType.Dns => uri.IdnHost,
            _ => null,
        };
        if (host is null || !EgressConnector.TryParseLiteral(host, out var literal) || policy.IsAllowed(literal))
        {
            return false;
        }

        address = literal;
        return true;
    }

    /// <summary>Whether the URL carries credentials (<c>user:password@</c>) in its authority.</summary>
    public static bool HasUserInfo(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return uri.IsAbsoluteUri && uri.UserInfo.Length > 0;
    }
}
