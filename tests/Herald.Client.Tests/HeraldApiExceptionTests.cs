using System.Net;
using Herald.Client.Publishing;
using Herald.Client.Tests.Support;

namespace Herald.Client.Tests;

/// <summary>Answers Herald never gives (429, non-JSON errors, a stalled server), from a loopback server posing as the API.</summary>
public sealed class HeraldApiExceptionTests : IAsyncLifetime
{
    private FakeApi _api = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _api = await FakeApi.StartAsync();

    public async ValueTask DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task SendAsync_429WithDailyAndBurstHeaders_CarriesTheRateLimitValues()
    {
        _api.Receiver.Respond("/v2/publish/https://example.com/x", new ReceiverResponse(429, "{\"error\":\"daily quota exceeded\"}", new Dictionary<string, string>
        {
            ["Retry-After"] = "7",
            ["RateLimit-Limit"] = "1000",
            ["RateLimit-Remaining"] = "0",
            ["RateLimit-Reset"] = "1796400000",
            ["Burst-RateLimit-Limit"] = "100",
            ["Burst-RateLimit-Remaining"] = "3",
            ["Burst-RateLimit-Reset"] = "1796400001",
        }));
        using var client = _api.CreateClient();

        var error = await Assert.ThrowsAsync<HeraldApiException>(() => client.PublishAsync(new PublishRequest { Destination = "https://example.com/x" }, Ct));

        Assert.Equal(HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.Equal("daily quota exceeded", error.Error);
        Assert.Equal(TimeSpan.FromSeconds(7), error.RetryAfter);
        var limit = Assert.IsType<HeraldRateLimit>(error.RateLimit);
        Assert.Equal(TimeSpan.FromSeconds(7), limit.RetryAfter);
        Assert.Equal(1000, limit.Limit);
        Assert.Equal(0, limit.Remaining);
        Assert.Equal(1796400000, limit.Reset);
        Assert.Equal(100, limit.BurstLimit);
        Assert.Equal(3, limit.BurstRemaining);
        Assert.Equal(1796400001, limit.BurstReset);
    }

    [Fact]
    public async Task SendAsync_429WithoutHeaders_HasAnEmptyRateLimit()
    {
        _api.Receiver.Respond("/v2/keys", new ReceiverResponse(429, "slow down"));
        using var client = _api.CreateClient();

        var error = await Assert.ThrowsAsync<HeraldApiException>(() => client.SigningKeys.GetAsync(Ct));

        Assert.Equal("slow down", error.Error);
        var limit = Assert.IsType<HeraldRateLimit>(error.RateLimit);
        Assert.Null(limit.Limit);
        Assert.Null(limit.BurstLimit);
        Assert.Null(limit.RetryAfter);
    }

    [Fact]
    public async Task SendAsync_ErrorThatIsNotJson_CarriesTheRawText()
    {
        _api.Receiver.Respond("/v2/messages/msg_1", new ReceiverResponse(502, "<html>bad gateway</html>"));
        using var client = _api.CreateClient();

        var error = await Assert.ThrowsAsync<HeraldApiException>(() => client.Messages.GetAsync("msg_1", Ct));

        Assert.Equal(HttpStatusCode.BadGateway, error.StatusCode);
        Assert.Equal("<html>bad gateway</html>", error.Error);
        Assert.Null(error.RateLimit);
    }

    [Fact]
    public async Task SendAsync_ErrorWithoutBody_CarriesTheReasonPhrase()
    {
        _api.Receiver.Respond("/v2/queues", new ReceiverResponse(503));
        using var client = _api.CreateClient();

        var error = await Assert.ThrowsAsync<HeraldApiException>(() => client.Queues.ListAsync(Ct));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Equal("Service Unavailable", error.Error);
    }

    [Fact]
    public async Task SendAsync_SuccessWithUnexpectedJson_ThrowsHeraldApiException()
    {
        _api.Receiver.Respond("/v2/keys", new ReceiverResponse(200, "[1,2]"));
        using var client = _api.CreateClient();

        var error = await Assert.ThrowsAsync<HeraldApiException>(() => client.SigningKeys.GetAsync(Ct));

        Assert.IsType<System.Text.Json.JsonException>(error.InnerException);
    }

    [Fact]
    public async Task SendAsync_TokenCancelledWhileTheServerIsSlow_ThrowsOperationCanceledException()
    {
        _api.Receiver.Respond("/v2/keys", new ReceiverResponse(200, "{}", Delay: TimeSpan.FromSeconds(30)));
        using var client = _api.CreateClient();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var call = client.SigningKeys.GetAsync(cts.Token);
        await _api.Receiver.WaitForAsync(requests => requests.Count == 1, TimeSpan.FromSeconds(15));
        Assert.False(call.IsCompleted);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }
}
