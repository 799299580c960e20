using System.Net;
using System.Text;
using System.Text.Json;
using Herald.Client.Publishing;
using Herald.Client.Tests.Support;
using Herald.Contracts.Wire;

namespace Herald.Client.Tests;

public sealed class HeraldClientTests : ClientTestBase
{
    [Fact]
    public async Task PublishAsync_ToUrl_StoresTheMessageAndDeliversTheBody()
    {
        var result = await Client.PublishAsync(new PublishRequest
        {
            Destination = Receiver.Url("/orders"),
            Body = "{\"order\":1042}"u8.ToArray(),
            ContentType = "application/json",
        }, Ct);

        Assert.False(result.IsUrlGroup);
        Assert.StartsWith("msg_", result.MessageId, StringComparison.Ordinal);
        Assert.Equal(Receiver.Url("/orders"), result.Message.Url);
        var delivered = Assert.Single(await Receiver.DeliveriesAsync("/orders", 1));
        Assert.Equal("{\"order\":1042}", Encoding.UTF8.GetString(delivered.Body));
        Assert.Equal("application/json", delivered.Header("Content-Type"));
        Assert.Equal(result.MessageId, delivered.Header("Upstash-Message-Id"));
    }

    [Fact]
    public async Task PublishAsync_DestinationWithQueryString_GoesIntoThePathAsIs()
    {
        var destination = Receiver.BaseAddress.GetLeftPart(UriPartial.Authority) + "/raw/path?x=1&y=a%20b&z=%2F";

        var result = await Client.PublishAsync(new PublishRequest { Destination = destination }, Ct);

        Assert.Equal(destination, result.Message.Url);
        var delivered = Assert.Single(await Receiver.DeliveriesAsync("/raw/path", 1));
        Assert.Equal("/raw/path?x=1&y=a%20b&z=%2F", delivered.PathAndQuery);
    }

    [Fact]
    public async Task PublishJsonAsync_WithJsonTypeInfo_SendsSourceGeneratedJson()
    {
        await Client.PublishJsonAsync(
            new PublishRequest { Destination = Receiver.Url("/json") },
            new OrderPlaced(7, "Ada"),
            TestJsonContext.Default.OrderPlaced,
            Ct);

        var delivered = Assert.Single(await Receiver.DeliveriesAsync("/json", 1));
        Assert.Equal("{\"order_id\":7,\"customer_name\":\"Ada\"}", Encoding.UTF8.GetString(delivered.Body));
        Assert.Equal("application/json", delivered.Header("Content-Type"));
    }

    [Fact]
    public async Task PublishJsonAsync_WithSerializerOptions_UsesThemAndDefaultsToWebNaming()
    {
        await Client.PublishJsonAsync(
            new PublishRequest { Destination = Receiver.Url("/upper"), ContentType = "application/vnd.order+json" },
            new OrderPlaced(8, "Grace"),
            new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.KebabCaseUpper },
            Ct);
        await Client.PublishJsonAsync(new PublishRequest { Destination = Receiver.Url("/web") }, new OrderPlaced(9, "Linus"), cancellationToken: Ct);

        var upper = Assert.Single(await Receiver.DeliveriesAsync("/upper", 1));
        Assert.Equal("{\"ORDER-ID\":8,\"CUSTOMER-NAME\":\"Grace\"}", Encoding.UTF8.GetString(upper.Body));
        Assert.Equal("application/vnd.order+json", upper.Header("Content-Type"));
        var web = Assert.Single(await Receiver.DeliveriesAsync("/web", 1));
        Assert.Equal("{\"orderId\":9,\"customerName\":\"Linus\"}", Encoding.UTF8.GetString(web.Body));
    }

    [Fact]
    public async Task PublishAsync_ToUrlGroup_ReturnsOneMessagePerEndpoint()
    {
        await Client.UrlGroups.AddEndpointsAsync("fanout", [new UrlGroupEndpointDto { Url = Receiver.Url("/a") }, new UrlGroupEndpointDto { Url = Receiver.Url("/b"), Name = "b" }], Ct);

        var result = await Client.PublishAsync(new PublishRequest { Destination = "fanout", Body = "{}"u8.ToArray() }, Ct);

        Assert.True(result.IsUrlGroup);
        Assert.Equal([Receiver.Url("/a"), Receiver.Url("/b")], result.Messages.Select(m => m.Url));
        Assert.Equal(2, result.Messages.Select(m => m.MessageId).Distinct().Count());
        Assert.Throws<InvalidOperationException>(() => result.MessageId);
        await Receiver.DeliveriesAsync("/a", 1);
        var b = Assert.Single(await Receiver.DeliveriesAsync("/b", 1));
        Assert.Equal("fanout", b.Header("Upstash-Topic-Name"));
        var stored = await Client.Messages.GetAsync(result.Messages[1].MessageId, Ct);
        Assert.Equal("fanout", stored.TopicName);
        Assert.Equal("b", stored.EndpointName);
    }

    [Fact]
    public async Task PublishAsync_WithQueue_EnqueuesIntoTheQueue()
    {
        var result = await Client.PublishAsync(new PublishRequest { Destination = Receiver.Url("/queued"), Queue = "orders-1042", Delay = TimeSpan.FromHours(1) }, Ct);

        var stored = await Client.Messages.GetAsync(result.MessageId, Ct);
        Assert.Equal("orders-1042", stored.QueueName);
        var queue = await Client.Queues.GetAsync("orders-1042", Ct);
        Assert.Equal(1, queue.Lag);
    }

    [Fact]
    public async Task PublishAsync_WithEveryOption_RoundTripsThroughMessagesGet()
    {
        var before = TimeProvider.System.GetUtcNow();
        var result = await Client.PublishAsync(new PublishRequest
        {
            Destination = Receiver.Url("/options?kind=all"),
            Body = "{\"secret\":1}"u8.ToArray(),
            ContentType = "application/json",
            Method = HttpMethod.Put,
            Delay = TimeSpan.FromHours(1),
            Retries = 7,
            RetryDelay = "pow(2, retried) * 1000",
            Timeout = TimeSpan.FromSeconds(45),
            Callback = Receiver.Url("/callback"),
            CallbackOptions = new CallbackOptions
            {
                Method = HttpMethod.Patch,
                Retries = 1,
                Timeout = TimeSpan.FromSeconds(5),
                Delay = TimeSpan.FromMilliseconds(1500),
                RetryDelay = "1000",
                Headers = new Dictionary<string, string> { ["X-Callback-Token"] = "cb" },
            },
            FailureCallback = Receiver.Url("/failure"),
            FailureCallbackOptions = new CallbackOptions { Retries = 2, Headers = new Dictionary<string, string> { ["X-Failure"] = "f" } },
            Headers = new Dictionary<string, string> { ["X-Shop"] = "acme", ["x-secret-token"] = "s3cr3t" },
            DeduplicationId = "order-1042",
            FlowControl = new FlowControlOptions { Key = "acme-api", Parallelism = 3, Rate = 10, Period = TimeSpan.FromMinutes(1) },
            Labels = ["billing", "eu"],
            Redact = new RedactOptions { Headers = ["X-Secret-Token"] },
        }, Ct);

        var message = await Client.Messages.GetAsync(result.MessageId, Ct);

        Assert.Equal(Receiver.Url("/options?kind=all"), message.Url);
        Assert.Equal("PUT", message.Method);
        Assert.Equal("{\"secret\":1}", message.Body);
        Assert.Equal(["application/json"], message.Header!["Content-Type"]);
        Assert.Equal(["acme"], message.Header["X-Shop"]);
        Assert.StartsWith("REDACTED:", Assert.Single(message.Header["X-Secret-Token"]), StringComparison.Ordinal);
        Assert.Equal(7, message.MaxRetries);
        Assert.Equal("pow(2, retried) * 1000", message.RetryDelayExpression);
        Assert.Equal(45_000, message.Timeout);
        Assert.InRange(message.NotBefore, (before + TimeSpan.FromHours(1)).ToUnixTimeMilliseconds() - 1000, (before + TimeSpan.FromHours(1)).ToUnixTimeMilliseconds() + 60_000);
        Assert.Equal(Receiver.Url("/callback"), message.Callback);
        Assert.Equal(Receiver.Url("/failure"), message.FailureCallback);
        Assert.Equal(["PATCH"], message.CallbackHeader!["Method"]);
        Assert.Equal(["1"], message.CallbackHeader["Retries"]);
        Assert.Equal(["5s"], message.CallbackHeader["Timeout"]);
        Assert.Equal(["1500ms"], message.CallbackHeader["Delay"]);
        Assert.Equal(["1000"], message.CallbackHeader["Retry-Delay"]);
        Assert.Equal(["cb"], message.CallbackHeader["Forward-X-Callback-Token"]);
        Assert.Equal(["2"], message.FailureCallbackHeader!["Retries"]);
        Assert.Equal(["f"], message.FailureCallbackHeader["Forward-X-Failure"]);
        Assert.Equal("acme-api", message.FlowControlKey);
        Assert.Equal(3, message.Parallelism);
        Assert.Equal(10, message.Rate);
        Assert.Equal(60, message.Period);
        Assert.Equal("billing", message.Label);
        Assert.Equal(["billing", "eu"], message.Labels!);
        Assert.NotNull(message.CallerIp);
    }

    [Fact]
    public async Task PublishAsync_WithNotBefore_StoresItAndItWinsOverDelay()
    {
        var notBefore = DateTimeOffset.FromUnixTimeSeconds(TimeProvider.System.GetUtcNow().ToUnixTimeSeconds() + 7200);

        var result = await Client.PublishAsync(new PublishRequest { Destination = Receiver.Url("/later"), NotBefore = notBefore, Delay = TimeSpan.FromSeconds(1) }, Ct);

        var message = await Client.Messages.GetAsync(result.MessageId, Ct);
        Assert.Equal(notBefore.ToUnixTimeMilliseconds(), message.NotBefore);
    }

    [Fact]
    public async Task PublishAsync_SameDeduplicationId_AnswersTheOriginalMessage()
    {
        var request = new PublishRequest { Destination = Receiver.Url("/dedup"), DeduplicationId = "once", Delay = TimeSpan.FromHours(1) };

        var first = await Client.PublishAsync(request, Ct);
        var second = await Client.PublishAsync(request with { Body = "other"u8.ToArray() }, Ct);

        Assert.Null(first.Message.Deduplicated);
        Assert.True(second.Message.Deduplicated);
        Assert.Equal(first.MessageId, second.MessageId);
    }

    [Fact]
    public async Task PublishAsync_ContentBasedDeduplication_DeduplicatesOnlyIdenticalContent()
    {
        var request = new PublishRequest { Destination = Receiver.Url("/content"), Body = "same"u8.ToArray(), ContentBasedDeduplication = true, Delay = TimeSpan.FromHours(1) };

        var first = await Client.PublishAsync(request, Ct);
        var repeat = await Client.PublishAsync(request, Ct);
        var different = await Client.PublishAsync(request with { Body = "different"u8.ToArray() }, Ct);

        Assert.True(repeat.Message.Deduplicated);
        Assert.Equal(first.MessageId, repeat.MessageId);
        Assert.NotEqual(first.MessageId, different.MessageId);
        Assert.Null(different.Message.Deduplicated);
    }

    [Fact]
    public async Task PublishAsync_OptionTheServerRefuses_ThrowsHeraldApiExceptionWith400AndTheServerText()
    {
        var error = await Assert.ThrowsAsync<HeraldApiException>(() =>
            Client.PublishAsync(new PublishRequest { Destination = Receiver.Url("/x"), Retries = 1000 }, Ct));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Contains("Upstash-Retries", error.Error, StringComparison.Ordinal);
        Assert.Null(error.RateLimit);
    }

    [Fact]
    public async Task PublishAsync_UnknownUrlGroup_ThrowsHeraldApiExceptionWith404()
    {
        var error = await Assert.ThrowsAsync<HeraldApiException>(() => Client.PublishAsync(new PublishRequest { Destination = "no-such-group" }, Ct));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Contains("no-such-group", error.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishAsync_WrongToken_ThrowsHeraldApiExceptionWith401()
    {
        using var client = Herald.CreateClient("not-a-token");

        var error = await Assert.ThrowsAsync<HeraldApiException>(() => client.PublishAsync(new PublishRequest { Destination = Receiver.Url("/x") }, Ct));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(error.Error));
        Assert.Contains(error.Error, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishAsync_InvalidOptions_ThrowBeforeAnythingIsSent()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Client.PublishAsync(new PublishRequest { Destination = Receiver.Url("/x"), Retries = -1 }, Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => Client.PublishAsync(new PublishRequest { Destination = Receiver.Url("/x"), FlowControl = new FlowControlOptions { Key = "k" } }, Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => Client.PublishAsync(new PublishRequest { Destination = Receiver.Url("/x"), Headers = new Dictionary<string, string> { ["Bad Name"] = "v" } }, Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => Client.PublishAsync(new PublishRequest { Destination = " " }, Ct));

        Assert.Empty(await Client.Logs.ListAsync(cancellationToken: Ct).ToListAsync(Ct));
    }

    [Fact]
    public async Task PublishAsync_CancelledToken_ThrowsOperationCanceledException()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client.PublishAsync(new PublishRequest { Destination = Receiver.Url("/x") }, cts.Token));

        Assert.Empty(await Client.Logs.ListAsync(cancellationToken: Ct).ToListAsync(Ct));
    }

    [Fact]
    public async Task Constructor_WithHttpClient_UsesItsBaseAddressAndLeavesItOpen()
    {
        using var httpClient = new HttpClient { BaseAddress = Herald.BaseAddress };
        var client = new HeraldClient(httpClient, new HeraldClientOptions { Token = TestHerald.DevToken });

        var keys = await client.SigningKeys.GetAsync(Ct);
        client.Dispose();

        Assert.Equal(TestHerald.CurrentKey, keys.Current);
        using var health = await httpClient.GetAsync("/health", Ct);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Constructor_BaseAddressWithPath_KeepsThePathPrefix()
    {
        using var client = new HeraldClient(new HeraldClientOptions { BaseAddress = new Uri(Receiver.BaseAddress, "/prefix/"), Token = "t" });

        await client.Queues.PauseAsync("q", Ct);

        var request = Assert.Single(Receiver.Requests);
        Assert.Equal("/prefix/v2/queues/q/pause", request.PathAndQuery);
        Assert.Equal("Bearer t", request.Header("Authorization"));
    }

    [Fact]
    public void Constructor_WithoutBaseAddress_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => new HeraldClient(new HeraldClientOptions { Token = "t" }));
        Assert.Throws<ArgumentException>(() => new HeraldClient(new HeraldClientOptions { BaseAddress = new Uri("ftp://example.com") }));
    }
}
