using System.Net;
using System.Text;
using Herald.AspNetCore.Tests.Support;
using Herald.Client.Verification;
using Microsoft.Extensions.Time.Testing;

namespace Herald.AspNetCore.Tests.Signatures;

/// <summary><c>RequireHeraldSignature()</c> on a real app receiving real Herald deliveries (Upstash-Signature JWTs).</summary>
public sealed class RequireHeraldSignatureTests : ReceiverTestBase
{
    [Fact]
    public async Task ValidDelivery_RawBodyHandler_RunsAndReadsTheFullBody()
    {
        var app = await StartReceiverAsync();
        // Past the 30 KB that request buffering keeps in memory: the rewound body comes back from the temporary file.
        var body = "{\"items\":\"" + new string('x', 200_000) + "\"}";

        var messageId = await PublishAsync(app.Url("/hooks/raw"), body);
        var handled = Assert.Single(await app.HandledAsync("/hooks/raw"));

        Assert.Equal(body, handled.Body);
        Assert.Equal(messageId, handled.MessageId);
        Assert.Equal(200, Assert.Single(await app.AnsweredAsync("/hooks/raw")).Status);
    }

    [Fact]
    public async Task ValidDelivery_TypedBodyParameter_IsBoundAfterVerification()
    {
        var app = await StartReceiverAsync();

        await PublishAsync(app.Url("/hooks/typed"), """{"orderId":1042,"amount":99.5}""");
        var handled = Assert.Single(await app.HandledAsync("/hooks/typed"));

        Assert.Equal("1042:99.5", handled.Body);
    }

    [Fact]
    public async Task ValidDelivery_RouteGroup_ProtectsEveryRouteOfTheGroup()
    {
        var app = await StartReceiverAsync();

        await PublishAsync(app.Url("/group/billing"), "{}");
        var handled = Assert.Single(await app.HandledAsync("/group/billing"));
        using var unsigned = await app.ReplayAsync(Assert.Single(app.Captured("/group/billing")), path: "/group/crm", dropHeader: IsUpstashSignature);

        Assert.Equal("billing", handled.Body);
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        Assert.Empty(app.Handled("/group/crm"));
    }

    [Fact]
    public async Task Replay_Unchanged_IsAcceptedWithoutIdempotency()
    {
        var app = await StartReceiverAsync();
        await PublishAsync(app.Url("/hooks/raw"), """{"order":1}""");
        var delivery = Assert.Single(await app.AnsweredAsync("/hooks/raw"));

        using var replay = await app.ReplayAsync(delivery);

        // The control for the tampering tests: the signature alone cannot tell a replay inside the token's life
        // (WithIdempotency() can).
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(2, app.Handled("/hooks/raw").Count);
    }

    [Fact]
    public async Task Replay_OneBitOfTheBodyFlipped_Returns401AndTheHandlerDoesNotRun()
    {
        var app = await StartReceiverAsync();
        await PublishAsync(app.Url("/hooks/raw"), """{"order":1042,"amount":10}""");
        var delivery = Assert.Single(await app.AnsweredAsync("/hooks/raw"));
        var tampered = delivery.Body.ToArray();
        tampered[^3] ^= 0x01;

        using var response = await app.ReplayAsync(delivery, body: tampered);

        await AssertRefusedAsync(response);
        Assert.Single(app.Handled("/hooks/raw"));
    }

    [Fact]
    public async Task Replay_WithAChangedBody_Returns401AndTheHandlerDoesNotRun()
    {
        var app = await StartReceiverAsync();
        await PublishAsync(app.Url("/hooks/typed"), """{"orderId":1042,"amount":10}""");
        var delivery = Assert.Single(await app.AnsweredAsync("/hooks/typed"));

        using var response = await app.ReplayAsync(delivery, body: """{"orderId":1042,"amount":10000}"""u8.ToArray());

        await AssertRefusedAsync(response);
        Assert.Equal(["1042:10"], app.Handled("/hooks/typed").Select(h => h.Body));
    }

    [Fact]
    public async Task Delivery_ReceiverWithOtherKeys_Returns401AndTheHandlerDoesNotRun()
    {
        var app = await StartReceiverAsync(o =>
        {
            o.CurrentSigningKey = "sig_NotTheKeyHeraldSignsWith1";
            o.NextSigningKey = "sig_NotTheNextKeyEither22222";
        });

        await PublishAsync(app.Url("/hooks/raw"), "{}");
        var delivery = Assert.Single(await app.AnsweredAsync("/hooks/raw"));

        Assert.Equal(401, delivery.Status);
        Assert.Empty(app.Handled("/hooks/raw"));
    }

    [Fact]
    public async Task Replay_AfterTheTokenExpired_Returns401AndTheHandlerDoesNotRun()
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        var app = await StartReceiverAsync(timeProvider: clock);
        await PublishAsync(app.Url("/hooks/raw"), "{}");
        var delivery = Assert.Single(await app.AnsweredAsync("/hooks/raw"));

        clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(2));
        using var response = await app.ReplayAsync(delivery);

        Assert.Equal(200, delivery.Status);
        await AssertRefusedAsync(response);
        Assert.Single(app.Handled("/hooks/raw"));
    }

    [Fact]
    public async Task Replay_AfterTheTokenExpiredButWithinClockTolerance_IsAccepted()
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        var app = await StartReceiverAsync(o => o.ClockTolerance = TimeSpan.FromMinutes(1), timeProvider: clock);
        await PublishAsync(app.Url("/hooks/raw"), "{}");
        var delivery = Assert.Single(await app.AnsweredAsync("/hooks/raw"));

        clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(2));
        using var response = await app.ReplayAsync(delivery);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, app.Handled("/hooks/raw").Count);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-a-jwt")]
    [InlineData("eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJpc3MiOiJVcHN0YXNoIn0.")]
    public async Task Replay_WithAMissingOrForgedSignature_Returns401AndTheHandlerDoesNotRun(string? signature)
    {
        var app = await StartReceiverAsync();
        await PublishAsync(app.Url("/hooks/raw"), "{}");
        var delivery = Assert.Single(await app.AnsweredAsync("/hooks/raw"));

        using var response = await app.ReplayAsync(
            delivery,
            dropHeader: IsUpstashSignature,
            setHeaders: signature is null ? null : new Dictionary<string, string> { ["Upstash-Signature"] = signature });

        await AssertRefusedAsync(response);
        Assert.Single(app.Handled("/hooks/raw"));
    }

    [Fact]
    public async Task Request_WithoutAnyHeraldHeader_Returns401()
    {
        var app = await StartReceiverAsync();
        using var http = new HttpClient();

        using var response = await http.PostAsync(app.Url("/hooks/raw"), new StringContent("{}", Encoding.UTF8, "application/json"), Ct);

        await AssertRefusedAsync(response);
        Assert.Empty(app.Handled("/hooks/raw"));
    }

    [Fact]
    public async Task Delivery_BodyLargerThanMaxBodySize_Returns413AndTheHandlerDoesNotRun()
    {
        var app = await StartReceiverAsync(o => o.MaxBodySize = 1024);

        await PublishAsync(app.Url("/hooks/raw"), "\"" + new string('a', 2048) + "\"");
        await PublishAsync(app.Url("/group/small"), "\"" + new string('a', 1000) + "\"");
        var large = Assert.Single(await app.AnsweredAsync("/hooks/raw"));
        var small = Assert.Single(await app.AnsweredAsync("/group/small"));

        Assert.Equal(413, large.Status);
        Assert.Equal(200, small.Status);
        Assert.Empty(app.Handled("/hooks/raw"));
    }

    [Fact]
    public async Task Replay_ChunkedBodyLargerThanMaxBodySize_Returns413()
    {
        var app = await StartReceiverAsync(o => o.MaxBodySize = 1024);
        await PublishAsync(app.Url("/hooks/raw"), "{}");
        var delivery = Assert.Single(await app.AnsweredAsync("/hooks/raw"));
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, app.Url("/hooks/raw"))
        {
            // No Content-Length: the limit is found while reading.
            Content = new StreamContent(new NonSeekableStream(new byte[4096])),
        };
        request.Headers.TryAddWithoutValidation("Upstash-Signature", delivery.Header("Upstash-Signature"));

        using var response = await http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Single(app.Handled("/hooks/raw"));
    }

    [Fact]
    public async Task KeyRotation_ReceiverWithTheOldCurrentAndNextKeys_KeepsAcceptingUntilTheSecondRotation()
    {
        var app = await StartReceiverAsync();

        await PublishAsync(app.Url("/group/before"), "{}");
        await app.AnsweredAsync("/group/before");
        var rotated = await Client.SigningKeys.RotateAsync(Ct);
        await PublishAsync(app.Url("/group/after-first"), "{}");
        var afterFirst = Assert.Single(await app.AnsweredAsync("/group/after-first"));
        await Client.SigningKeys.RotateAsync(Ct);
        await PublishAsync(app.Url("/group/after-second"), "{}");
        var afterSecond = Assert.Single(await app.AnsweredAsync("/group/after-second"));

        Assert.Equal(TestHerald.NextKey, rotated.Current);
        Assert.Equal(200, Assert.Single(app.Captured("/group/before")).Status);
        Assert.Equal(200, afterFirst.Status);
        // Signed with the key that was "next" before the rotation.
        Assert.Equal(1, new SignatureVerifier(TestHerald.CurrentKey, TestHerald.NextKey).Verify(afterFirst.Header("Upstash-Signature"), afterFirst.Body).KeyIndex);
        // Two rotations on, Herald signs with a key this receiver was never given.
        Assert.Equal(401, afterSecond.Status);
        Assert.Equal(["before", "after-first"], app.Handled("/group/before").Concat(app.Handled("/group/after-first")).Select(h => h.Body));
    }

    [Fact]
    public async Task VerifyUrl_On_AcceptsTheDeliveryAndRefusesItsTokenOnAnotherUrl()
    {
        var app = await StartReceiverAsync(o => o.VerifyUrl = true);
        await PublishAsync(app.Url("/group/a?x=1"), "{}");
        var delivery = Assert.Single(await app.AnsweredAsync("/group/a"));

        using var moved = await app.ReplayAsync(delivery, path: "/group/b");

        Assert.Equal(200, delivery.Status);
        await AssertRefusedAsync(moved);
        Assert.Empty(app.Handled("/group/b"));
    }

    [Fact]
    public async Task VerifyUrl_Off_AcceptsTheTokenOnAnotherUrl()
    {
        var app = await StartReceiverAsync();
        await PublishAsync(app.Url("/group/a"), "{}");
        var delivery = Assert.Single(await app.AnsweredAsync("/group/a"));

        using var moved = await app.ReplayAsync(delivery, path: "/group/b");

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Single(app.Handled("/group/b"));
    }

    private static bool IsUpstashSignature(string header) => header.Equals("Upstash-Signature", StringComparison.OrdinalIgnoreCase);

    /// <summary>401 with the small JSON error that says nothing about which check failed.</summary>
    internal static async Task AssertRefusedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("""{"error":"invalid signature"}""", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
