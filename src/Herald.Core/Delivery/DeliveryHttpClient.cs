using Herald.Core.Configuration;
using Herald.Core.Egress;
using Microsoft.Extensions.Options;

namespace Herald.Core.Delivery;

/// <summary>
/// The one pooled HTTP client every delivery goes through: connect-time egress checks on the resolved address,
/// no redirects, no ambient proxy, no cookies, no automatic decompression.
/// </summary>
public sealed class DeliveryHttpClient : IDisposable
{
    public DeliveryHttpClient(EgressConnector connector, IOptions<DeliveryOptions> options)
    {
        var o = options.Value;
        Handler = new SocketsHttpHandler
        {
            ConnectCallback = connector.ConnectAsync,
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
            ConnectTimeout = o.ConnectTimeout,
            MaxConnectionsPerServer = o.MaxConnectionsPerServer,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(60),
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
            MaxResponseHeadersLength = 64,
            EnableMultipleHttp2Connections = true,
        };
        Client = new HttpClient(Handler, disposeHandler: false)
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public HttpClient Client { get; }

    internal SocketsHttpHandler Handler { get; }

    public void Dispose()
    {
        Client.Dispose();
        Handler.Dispose();
    }
}
