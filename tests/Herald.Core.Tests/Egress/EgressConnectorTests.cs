using System.Net;
using System.Net.Sockets;
using Herald.Core.Egress;

namespace Herald.Core.Tests.Egress;

public sealed class EgressConnectorTests
{
    private static readonly EgressPolicy LoopbackPolicy = new(EgressPolicy.LoopbackNetworks);

    [Fact]
    public async Task Connect_LoopbackLiteralWithDefaultPolicy_IsBlockedBeforeConnecting()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = new LoopbackHttpServer();
        using var client = CreateClient(EgressPolicy.Default, new FakeDnsResolver());

        var exception = await Assert.ThrowsAsync<HttpRequestException>(
            () => client.GetAsync(new Uri($"http://127.0.0.1:{server.Port}/"), ct));

        var blocked = Assert.Single(Chain(exception).OfType<EgressBlockedException>());
        Assert.Equal("127.0.0.1", blocked.Host);
        Assert.Equal([IPAddress.Loopback], blocked.Addresses);
        Assert.Equal(HttpRequestError.ConnectionError, exception.HttpRequestError);
        await Task.Delay(50, ct);
        Assert.Equal(0, server.AcceptedConnections);
    }

    [Theory]
    [InlineData("http://2130706433:{0}/")]
    [InlineData("http://0x7f000001:{0}/")]
    [InlineData("http://127.1:{0}/")]
    [InlineData("http://[::1]:{0}/")]
    [InlineData("http://[::ffff:127.0.0.1]:{0}/")]
    public async Task Connect_AlternativeLoopbackEncodingWithDefaultPolicy_IsBlocked(string urlFormat)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = new LoopbackHttpServer();
        var resolver = new FakeDnsResolver("127.0.0.1");
        using var client = CreateClient(EgressPolicy.Default, resolver);

        var exception = await Assert.ThrowsAsync<HttpRequestException>(
            () => client.GetAsync(new Uri(string.Format(null, urlFormat, server.Port)), ct));

        Assert.Contains(Chain(exception), e => e is EgressBlockedException);
        Assert.Empty(resolver.Lookups);
        await Task.Delay(50, ct);
        Assert.Equal(0, server.AcceptedConnections);
    }

    [Fact]
    public async Task Connect_LoopbackLiteralWithLoopbackAllowed_ReceivesResponse()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = new LoopbackHttpServer();
        using var client = CreateClient(LoopbackPolicy, new FakeDnsResolver());

        var body = await client.GetStringAsync(new Uri($"http://127.0.0.1:{server.Port}/"), ct);

        Assert.Equal(LoopbackHttpServer.Body, body);
        Assert.Equal(1, server.AcceptedConnections);
    }

    [Fact]
    public async Task Connect_MappedLoopbackLiteralWithLoopbackAllowed_ConnectsOverIPv4()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = new LoopbackHttpServer();
        using var client = CreateClient(LoopbackPolicy, new FakeDnsResolver());

        var body = await client.GetStringAsync(new Uri($"http://[::ffff:127.0.0.1]:{server.Port}/"), ct);

        Assert.Equal(LoopbackHttpServer.Body, body);
    }

    [Fact]
    public async Task Connect_HostResolvingToPrivateAndLoopback_UsesOnlyAllowedAddress()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = new LoopbackHttpServer();
        var resolver = new FakeDnsResolver("10.0.0.1", "127.0.0.1");
        using var client = CreateClient(LoopbackPolicy, resolver);

        var body = await client.GetStringAsync(new Uri($"http://rebind.test:{server.Port}/"), ct);

        Assert.Equal(LoopbackHttpServer.Body, body);
        Assert.Equal(["rebind.test"], resolver.Lookups);
        Assert.Equal(1, server.AcceptedConnections);
    }

    [Fact]
    public async Task Connect_HostResolvingOnlyToPrivateAddresses_IsBlocked()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = new LoopbackHttpServer();
        var resolver = new FakeDnsResolver("10.0.0.5", "192.168.1.1", "fd00::1");
        using var client = CreateClient(LoopbackPolicy, resolver);

        var exception = await Assert.ThrowsAsync<HttpRequestException>(
            () => client.GetAsync(new Uri($"http://example.internal:{server.Port}/"), ct));

        var blocked = Assert.Single(Chain(exception).OfType<EgressBlockedException>());
        Assert.Equal("example.internal", blocked.Host);
        Assert.Equal(3, blocked.Addresses.Count);
        Assert.Contains("destination example.internal resolves only to blocked addresses (10.0.0.5", blocked.Message, StringComparison.Ordinal);
        Assert.Equal(0, server.AcceptedConnections);
    }

    [Fact]
    public async Task Connect_HostResolvingToLoopbackWithDefaultPolicy_IsBlocked()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = new LoopbackHttpServer();
        using var client = CreateClient(EgressPolicy.Default, new FakeDnsResolver("127.0.0.1", "::1"));

        var exception = await Assert.ThrowsAsync<HttpRequestException>(
            () => client.GetAsync(new Uri($"http://localhost:{server.Port}/"), ct));

        Assert.Contains(Chain(exception), e => e is EgressBlockedException);
        await Task.Delay(50, ct);
        Assert.Equal(0, server.AcceptedConnections);
    }

    [Fact]
    public async Task Connect_HostResolvingToNothing_ReportsNameResolutionError()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = CreateClient(LoopbackPolicy, new FakeDnsResolver());

        var exception = await Assert.ThrowsAsync<HttpRequestException>(
            () => client.GetAsync(new Uri("http://nowhere.test/"), ct));

        Assert.Equal(HttpRequestError.NameResolutionError, exception.HttpRequestError);
        var socketError = Assert.IsType<SocketException>(exception.InnerException);
        Assert.Equal(SocketError.HostNotFound, socketError.SocketErrorCode);
    }

    [Fact]
    public async Task Connect_ClosedAllowedPort_ReportsConnectionRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        var port = GetClosedPort();
        using var client = CreateClient(LoopbackPolicy, new FakeDnsResolver("10.0.0.1", "127.0.0.1"));

        var exception = await Assert.ThrowsAsync<HttpRequestException>(
            () => client.GetAsync(new Uri($"http://closed.test:{port}/"), ct));

        Assert.Equal(HttpRequestError.ConnectionError, exception.HttpRequestError);
        var socketError = Assert.Single(Chain(exception).OfType<SocketException>());
        Assert.Equal(SocketError.ConnectionRefused, socketError.SocketErrorCode);
    }

    [Fact]
    public async Task ResolveAsync_SystemResolverWithIPLiteral_ReturnsTheAddress()
    {
        var addresses = await new SystemDnsResolver().ResolveAsync("127.0.0.1", TestContext.Current.CancellationToken);

        Assert.Equal([IPAddress.Loopback], addresses);
    }

    [Fact]
    public void EgressBlockedException_StandardConstructors_HaveEmptyDetails()
    {
        var inner = new InvalidOperationException();
        var exception = new EgressBlockedException("blocked", inner);

        Assert.Same(inner, exception.InnerException);
        Assert.Equal(string.Empty, exception.Host);
        Assert.Empty(exception.Addresses);
        Assert.NotEmpty(new EgressBlockedException().Message);
        Assert.Equal("x", new EgressBlockedException("x").Message);
    }

    [Fact]
    public void EgressBlockedException_IPLiteral_SaysTheAddressIsBlocked()
    {
        var exception = new EgressBlockedException("[::1]", [IPAddress.IPv6Loopback]);

        Assert.Equal("destination [::1] is a blocked address", exception.Message);
    }

    private static HttpClient CreateClient(EgressPolicy policy, IDnsResolver resolver)
    {
        var connector = new EgressConnector(policy, resolver);
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = connector.ConnectAsync,
            UseProxy = false,
            AllowAutoRedirect = false,
        };
        return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) };
    }

    private static int GetClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            yield return current;
        }
    }
}
