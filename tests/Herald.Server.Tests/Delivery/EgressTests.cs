using System.Net;
using Herald.Contracts;
using Herald.Core.Egress;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Server.Tests.Delivery;

/// <summary>Production mode refuses non-public destinations: at publish for IP literals, at connect time for names.</summary>
public sealed class EgressTests : IAsyncLifetime
{
    private const string Token = "serve-mode-test-token-0123456789";
    private LoopbackReceiver _canary = null!;
    private TestHerald _herald = null!;

    public async ValueTask InitializeAsync()
    {
        _canary = await LoopbackReceiver.StartAsync();
        _herald = await TestHerald.StartAsync(
            new Dictionary<string, string?>
            {
                ["Tenants:0:Id"] = "acme",
                ["Tenants:0:Token"] = Token,
                ["Server:Address"] = "127.0.0.1",
            },
            HeraldMode.Serve,
            services => services.AddSingleton<IDnsResolver>(new MapResolver(new Dictionary<string, IPAddress[]>
            {
                ["internal.example"] = [IPAddress.Loopback],
                ["mixed.example"] = [IPAddress.Parse("10.1.2.3"), IPAddress.Loopback],
            })));
    }

    public async ValueTask DisposeAsync()
    {
        await _herald.DisposeAsync();
        await _canary.DisposeAsync();
    }

    [Theory]
    [InlineData("http://127.0.0.1:1/x")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://10.0.0.5/x")]
    [InlineData("http://[::1]:1/x")]
    [InlineData("http://2130706433/x")]
    [InlineData("http://0x7f000001/x")]
    public async Task Publish_ToBlockedLiteral_Returns400(string destination)
    {
        using var client = _herald.ClientFor(Token);
        using var response = await client.PostAsync("/v2/publish/" + destination, new StringContent("x"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("non-public address", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("internal.example")]
    [InlineData("mixed.example")]
    public async Task Delivery_ToNameResolvingToPrivateAddresses_IsBlockedAtConnectTime(string host)
    {
        using var client = _herald.ClientFor(Token);
        var destination = $"http://{host}:{_canary.BaseAddress.Port}/canary";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v2/publish/" + destination) { Content = new StringContent("x") };
        request.Headers.Add("Upstash-Retries", "0");
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var id = System.Text.Json.JsonSerializer.Deserialize(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), HeraldJson.Context.PublishResponse)!.MessageId;

        using var herald = _herald.ClientFor(Token);
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(10);
        Contracts.Wire.EventsResponse events;
        do
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
            events = System.Text.Json.JsonSerializer.Deserialize(await herald.GetStringAsync($"/v2/events?messageId={id}", TestContext.Current.CancellationToken), HeraldJson.Context.EventsResponse)!;
        }
        while (!events.Events.Any(e => e.State == "FAILED") && TimeProvider.System.GetUtcNow() < deadline);

        Assert.Equal("blocked_address", events.Events.Single(e => e.State == "ERROR").ErrorCategory);
        Assert.Empty(_canary.Requests);
    }

    private sealed class MapResolver(Dictionary<string, IPAddress[]> map) : IDnsResolver
    {
        public ValueTask<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
            ValueTask.FromResult(map.TryGetValue(host, out var addresses) ? addresses : []);
    }
}
