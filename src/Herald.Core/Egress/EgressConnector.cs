using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;
using System.Runtime.ExceptionServices;

namespace Herald.Core.Egress;

/// <summary>
/// A <see cref="SocketsHttpHandler.ConnectCallback"/> that enforces an <see cref="EgressPolicy"/>. Host names are
/// resolved once and only the allowed addresses are dialled, so there is no window for DNS rebinding between the
/// check and the connection.
/// </summary>
public sealed class EgressConnector
{
    private readonly EgressPolicy _policy;
    private readonly IDnsResolver _resolver;

    /// <summary>Creates a connector enforcing <paramref name="policy"/> and resolving through <paramref name="resolver"/>.</summary>
    public EgressConnector(EgressPolicy policy, IDnsResolver resolver)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(resolver);
        _policy = policy;
        _resolver = resolver;
    }

    /// <summary>Opens a TCP connection to the first allowed address of the request's host.</summary>
    /// <exception cref="EgressBlockedException">Every address of the host is blocked.</exception>
    /// <exception cref="SocketException">
    /// The host has no addresses (<see cref="SocketError.HostNotFound"/>, which HttpClient reports as
    /// <see cref="HttpRequestError.NameResolutionError"/>) or no allowed address accepted the connection (the error of the last one).
    /// </exception>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var host = context.DnsEndPoint.Host;
        IPAddress[] candidates;
        if (TryParseLiteral(host, out var literal))
        {
            if (!_policy.IsAllowed(literal))
            {
                throw new EgressBlockedException(host, [literal]);
            }

            candidates = [literal];
        }
        else
        {
            var resolved = await _resolver.ResolveAsync(host, cancellationToken).ConfigureAwait(false);
            if (resolved is null || resolved.Length == 0)
            {
                throw new SocketException((int)SocketError.HostNotFound);
            }

            candidates = Array.FindAll(resolved, _policy.IsAllowed);
            if (candidates.Length == 0)
            {
                throw new EgressBlockedException(host, resolved);
            }
        }

        return await ConnectAnyAsync(candidates, context.DnsEndPoint.Port, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Parses an IP literal host, bracketed or not, the way <see cref="IPAddress.TryParse(string?, out IPAddress?)"/> does.</summary>
    internal static bool TryParseLiteral(string host, [NotNullWhen(true)] out IPAddress? address)
    {
        var span = host.AsSpan();
        if (span.Length > 2 && span[0] == '[' && span[^1] == ']')
        {
            span = span[1..^1];
        }

        return IPAddress.TryParse(span, out address);
    }

    private static async ValueTask<Stream> ConnectAnyAsync(IPAddress[] candidates, int port, CancellationToken cancellationToken)
    {
        SocketException? lastError = null;
        foreach (var candidate in candidates)
        {
            var address = candidate.IsIPv4MappedToIPv6 ? candidate.MapToIPv4() : candidate;
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, port), cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException exception)
            {
                socket.Dispose();
                lastError = exception;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        ExceptionDispatchInfo.Throw(lastError!);
        throw lastError!;
    }
}
