using System.Net;

namespace Herald.Core.Egress;

/// <summary>A delivery destination resolved only to addresses the <see cref="EgressPolicy"/> forbids.</summary>
public sealed class EgressBlockedException : Exception
{
    /// <summary>Creates the exception for <paramref name="host"/> and the blocked <paramref name="addresses"/>.</summary>
    public EgressBlockedException(string host, IReadOnlyList<IPAddress> addresses)
        : base(Describe(host, addresses))
    {
        Host = host;
        Addresses = addresses.ToArray();
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public EgressBlockedException()
        : this("destination is blocked by the egress policy")
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public EgressBlockedException(string message)
        : base(message)
    {
        Host = string.Empty;
        Addresses = [];
    }

    /// <summary>Creates the exception with <paramref name="message"/> and its cause.</summary>
    public EgressBlockedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Host = string.Empty;
        Addresses = [];
    }

    /// <summary>The destination host as requested (an IP literal or a DNS name).</summary>
    public string Host { get; }

    /// <summary>The addresses the host resolved to, all blocked.</summary>
    public IReadOnlyList<IPAddress> Addresses { get; }

    private static string Describe(string host, IReadOnlyList<IPAddress> addresses)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(addresses);
        return EgressConnector.TryParseLiteral(host, out _)
            ? $"destination {host} is a blocked address"
            : $"destination {host} resolves only to blocked addresses ({string.Join(", ", addresses)})";
    }
}
