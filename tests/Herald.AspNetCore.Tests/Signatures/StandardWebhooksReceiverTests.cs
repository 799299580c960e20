using System.Net;
using Herald.AspNetCore.Tests.Support;
using Herald.Client.Publishing;
using Herald.Contracts.Signing;
using Herald.Contracts.Wire;

namespace Herald.AspNetCore.Tests.Signatures;

/// <summary>
/// <c>RequireHeraldSignature()</c> with Standard Webhooks: real deliveries of a URL group whose signing was turned on
/// (<c>PUT /v2/topics/{name}/signing</c>), which carry both <c>Upstash-Signature</c> and the <c>webhook-*</c> headers.
/// </summary>
public sealed class StandardWebhooksReceiverTests : ReceiverTestBase
{
    private readonly string _secret = StandardWebhooksSignature.NewSecret();

    [Fact]
    public async Task SignedDelivery_Either_IsAcceptedWithAndWithoutTheJwt()
    {
        var app = await StartReceiverAsync(o => o.StandardWebhooksSecrets = [_secret]);
        var delivery = await DeliverSignedAsync(app);

        using var withoutJwt = await app.ReplayAsync(delivery, dropHeader: IsUpstashSignature);

        Assert.Equal(200, delivery.Status);
        Assert.NotNull(delivery.Header("webhook-signature"));
        Assert.Equal(HttpStatusCode.OK, withoutJwt.StatusCode);
        Assert.Equal(2, app.Handled("/hooks/raw").Count);
    }

    [Fact]
    public async Task SignedDelivery_StandardWebhooksOnly_IsAcceptedWithoutTheJwt()
    {
        var app = await StartReceiverAsync(o =>
        {
            o.Scheme = HeraldSignatureScheme.StandardWebhooks;
            o.StandardWebhooksSecrets = [_secret];
        });
        var delivery = await DeliverSignedAsync(app);

        using var withoutJwt = await app.ReplayAsync(delivery, dropHeader: IsUpstashSignature);

        Assert.Equal(200, delivery.Status);
        Assert.Equal(HttpStatusCode.OK, withoutJwt.StatusCode);
        Assert.Equal(2, app.Handled("/hooks/raw").Count);
    }

    [Fact]
    public async Task JwtOnly_StandardWebhooksOnly_Returns401EvenThoughTheJwtIsValid()
    {
        var app = await StartReceiverAsync(o =>
        {
            o.Scheme = HeraldSignatureScheme.StandardWebhooks;
            o.StandardWebhooksSecrets = [_secret];
        });
        var delivery = await DeliverSignedAsync(app);

        using var jwtOnly = await app.ReplayAsync(delivery, dropHeader: IsStandardWebhooks);

        await RequireHeraldSignatureTests.AssertRefusedAsync(jwtOnly);
        Assert.Single(app.Handled("/hooks/raw"));
    }

    [Fact]
    public async Task SignedDelivery_QStashOnly_IsAcceptedByItsJwtAndRefusedWhenTheJwtIsRemoved()
    {
        var app = await StartReceiverAsync(o =>
        {
            o.Scheme = HeraldSignatureScheme.QStash;
            o.StandardWebhooksSecrets = [_secret];
        });
        var delivery = await DeliverSignedAsync(app);

        using var withoutJwt = await app.ReplayAsync(delivery, dropHeader: IsUpstashSignature);

        Assert.Equal(200, delivery.Status);
        await RequireHeraldSignatureTests.AssertRefusedAsync(withoutJwt);
        Assert.Single(app.Handled("/hooks/raw"));
    }

    [Theory]
    [InlineData("webhook-id", "msg_someoneelse")]
    [InlineData("webhook-timestamp", "1614265330")]
    [InlineData("webhook-signature", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")]
    public async Task SignedDelivery_TamperedHeaderWithoutTheJwt_Returns401(string header, string value)
    {
        var app = await StartReceiverAsync(o =>
        {
            o.Scheme = HeraldSignatureScheme.StandardWebhooks;
            o.StandardWebhooksSecrets = [_secret];
        });
        var delivery = await DeliverSignedAsync(app);

        using var tampered = await app.ReplayAsync(
            delivery,
            dropHeader: IsUpstashSignature,
            setHeaders: new Dictionary<string, string> { [header] = value });

        await RequireHeraldSignatureTests.AssertRefusedAsync(tampered);
        Assert.Single(app.Handled("/hooks/raw"));
    }

    [Fact]
    public async Task SignedDelivery_ChangedBodyWithoutTheJwt_Returns401()
    {
        var app = await StartReceiverAsync(o =>
        {
            o.Scheme = HeraldSignatureScheme.StandardWebhooks;
            o.StandardWebhooksSecrets = [_secret];
        });
        var delivery = await DeliverSignedAsync(app);

        using var tampered = await app.ReplayAsync(delivery, body: """{"event":"refunded"}"""u8.ToArray(), dropHeader: IsUpstashSignature);

        await RequireHeraldSignatureTests.AssertRefusedAsync(tampered);
        Assert.Single(app.Handled("/hooks/raw"));
    }

    [Fact]
    public async Task SignedDelivery_ReceiverWithThePreviousSecretSecond_IsAccepted()
    {
        var previous = StandardWebhooksSignature.NewSecret();
        var app = await StartReceiverAsync(o =>
        {
            o.Scheme = HeraldSignatureScheme.StandardWebhooks;
            o.StandardWebhooksSecrets = [StandardWebhooksSignature.NewSecret(), previous];
        });

        // Herald signs with both while rotating; the receiver only knows the previous one.
        var delivery = await DeliverSignedAsync(app, [_secret, previous]);

        Assert.Equal(200, delivery.Status);
        Assert.Equal(2, delivery.Header("webhook-signature")!.Split(' ').Length);
    }

    /// <summary>Turns Standard Webhooks signing on for a URL group holding <c>/hooks/raw</c> and publishes one message to it.</summary>
    private async Task<CapturedRequest> DeliverSignedAsync(ReceiverApp app, IReadOnlyList<string>? secrets = null)
    {
        var group = "signed-" + Guid.NewGuid().ToString("N")[..8];
        await Client.UrlGroups.AddEndpointsAsync(group, [new UrlGroupEndpointDto { Url = app.Url("/hooks/raw") }], Ct);
        await Client.UrlGroups.SetSigningAsync(group, true, secrets ?? [_secret], Ct);
        await Client.PublishAsync(new PublishRequest { Destination = group, Body = """{"event":"paid"}"""u8.ToArray(), Retries = 0 }, Ct);
        return Assert.Single(await app.AnsweredAsync("/hooks/raw"));
    }

    private static bool IsUpstashSignature(string header) => header.Equals("Upstash-Signature", StringComparison.OrdinalIgnoreCase);

    private static bool IsStandardWebhooks(string header) => header.StartsWith("webhook-", StringComparison.OrdinalIgnoreCase);
}
