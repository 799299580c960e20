using System.IdentityModel.Tokens.Jwt;
using System.Text;
using Herald.Server.Tests.Support;

namespace Herald.Server.Tests.Delivery;

public sealed class SignedDeliveryTests : IAsyncLifetime
{
    private LoopbackReceiver _receiver = null!;
    private TestHerald _herald = null!;

    public async ValueTask InitializeAsync()
    {
        _receiver = await LoopbackReceiver.StartAsync();
        _herald = await TestHerald.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _herald.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task Publish_ToReceiver_DeliversOnceSignedLikeQStash()
    {
        var url = _receiver.Url("/hooks/orders?tenant=acme");
        var body = "{\"order\":42,\"note\":\"café\"}";
        var id = await _herald.PublishAsync(url, body);

        var received = (await _receiver.WaitForCountAsync("/hooks/orders", 1)).Single(r => r.PathAndQuery.StartsWith("/hooks/orders", StringComparison.Ordinal));
        Assert.Equal("POST", received.Method);
        Assert.Equal(Encoding.UTF8.GetBytes(body), received.Body);
        Assert.Equal("/hooks/orders?tenant=acme", received.PathAndQuery);

        var jwt = IndependentJwt.Validate(received.Header("Upstash-Signature")!, TestHerald.CurrentKey, url, received.Body);
        Assert.Equal("HS256", jwt.Header.Alg);
        Assert.Equal("Upstash", jwt.Issuer);
        Assert.StartsWith("jwt_", jwt.Id, StringComparison.Ordinal);
        var iat = long.Parse(jwt.Payload[JwtRegisteredClaimNames.Iat]!.ToString()!, System.Globalization.CultureInfo.InvariantCulture);
        var exp = long.Parse(jwt.Payload[JwtRegisteredClaimNames.Exp]!.ToString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(300, exp - iat);
        Assert.True(jwt.Payload.ContainsKey("nbf"));
        Assert.False(jwt.Payload.ContainsKey("aud"));
        Assert.EndsWith("=", jwt.Payload["body"]!.ToString(), StringComparison.Ordinal);
        Assert.Equal(id, received.Header("Upstash-Message-Id"));

        await Task.Delay(300, TestContext.Current.CancellationToken);
        Assert.Single(_receiver.For("/hooks/orders"));
    }

    [Fact]
    public async Task Publish_WithForwardedHeaders_DeliversOnlyWhatWasAskedFor()
    {
        var url = _receiver.Url("/headers");
        await _herald.PublishAsync(
            url,
            "payload",
            ("Content-Type", "text/plain; charset=utf-8"),
            ("Upstash-Forward-X-Custom", "custom-value"),
            ("upstash-forward-authorization", "Bearer receiver-secret"),
            ("Upstash-Forward-Upstash-Workflow-Sdk-Version", "1"),
            ("Upstash-Telemetry-Sdk", "upstash-qstash-js@2.12.0"),
            ("X-Not-Forwarded", "no"));

        var received = (await _receiver.WaitForCountAsync("/headers", 1)).Single(r => r.PathAndQuery == "/headers");
        Assert.Equal("custom-value", received.Header("X-Custom"));
        Assert.Equal("Bearer receiver-secret", received.Header("Authorization"));
        Assert.Equal("1", received.Header("Upstash-Workflow-Sdk-Version"));
        Assert.Equal("text/plain; charset=utf-8", received.Header("Content-Type"));
        Assert.Equal("0", received.Header("Upstash-Retried"));
        Assert.Equal("Upstash-QStash", received.Header("User-Agent"));
        Assert.Equal("127.0.0.1", received.Header("Upstash-Caller-Ip"));
        Assert.Null(received.Header("X-Not-Forwarded"));
        Assert.Null(received.Header("Upstash-Telemetry-Sdk"));
        Assert.Null(received.Header("Upstash-Forward-X-Custom"));
    }

    [Fact]
    public async Task Publish_WithUpstashMethod_UsesThatMethodAndKeepsTheBody()
    {
        await _herald.PublishAsync(_receiver.Url("/put"), "{\"a\":1}", ("Upstash-Method", "PUT"));
        await _herald.PublishAsync(_receiver.Url("/get"), "body-on-get", ("Upstash-Method", "get"));

        var put = (await _receiver.WaitForCountAsync("/put", 1)).Single(r => r.PathAndQuery == "/put");
        var get = (await _receiver.WaitForCountAsync("/get", 1)).Single(r => r.PathAndQuery == "/get");
        Assert.Equal("PUT", put.Method);
        Assert.Equal("GET", get.Method);
        Assert.Equal("body-on-get", Encoding.UTF8.GetString(get.Body));
    }

    [Fact]
    public async Task Publish_DestinationQuery_KeepsItsOwnParametersAndConsumesHerald()
    {
        var destination = _receiver.Url("/q/?a=1&b=two") + "&upstash-retries=0&qstash_token=" + TestHerald.DevToken;
        var id = await _herald.PublishAsync(destination);

        var received = (await _receiver.WaitForCountAsync("/q/", 1)).Single(r => r.PathAndQuery.StartsWith("/q/", StringComparison.Ordinal));
        Assert.Equal("/q/?a=1&b=two", received.PathAndQuery);
        var logs = await _herald.WaitForStateAsync(id, "DELIVERED");
        Assert.All(logs, e => Assert.Equal(_receiver.Url("/q/?a=1&b=two"), e.Url));
        Assert.Equal(0, logs[0].MaxRetries);
    }

    [Fact]
    public async Task Publish_AfterKeyRotation_SignsWithTheNewCurrentKey()
    {
        using var rotate = await _herald.Client.PostAsync("/v2/keys/rotate", null, TestContext.Current.CancellationToken);
        rotate.EnsureSuccessStatusCode();
        var keys = System.Text.Json.JsonSerializer.Deserialize(await rotate.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), Contracts.HeraldJson.Context.SigningKeysResponse)!;
        Assert.Equal(TestHerald.NextKey, keys.Current);

        var url = _receiver.Url("/rotated");
        await _herald.PublishAsync(url, "x");
        var received = (await _receiver.WaitForCountAsync("/rotated", 1)).Single(r => r.PathAndQuery == "/rotated");
        IndependentJwt.Validate(received.Header("Upstash-Signature")!, TestHerald.NextKey, url, received.Body);
    }
}
