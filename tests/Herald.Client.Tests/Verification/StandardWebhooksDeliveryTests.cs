using System.Net;
using Herald.Client.Publishing;
using Herald.Client.Tests.Support;
using Herald.Client.Verification;
using Herald.Contracts.Signing;
using Herald.Contracts.Wire;

namespace Herald.Client.Tests.Verification;

/// <summary>The Standard Webhooks verifier against real deliveries of a URL group whose signing was turned on through the SDK.</summary>
public sealed class StandardWebhooksDeliveryTests : ClientTestBase
{
    [Fact]
    public async Task Verify_DeliveryOfASignedUrlGroup_IsValidWithTheSecretsFromSetSigning()
    {
        await Client.UrlGroups.AddEndpointsAsync("signed", [new UrlGroupEndpointDto { Url = Receiver.Url("/sw") }], Ct);
        var signing = await Client.UrlGroups.SetSigningAsync("signed", standardWebhooks: true, cancellationToken: Ct);
        var secret = Assert.Single(signing.Secrets!);

        var published = await Client.PublishAsync(new PublishRequest { Destination = "signed", Body = "{\"event\":\"paid\"}"u8.ToArray() }, Ct);
        var delivered = Assert.Single(await Receiver.DeliveriesAsync("/sw"));

        var result = new StandardWebhooksVerifier(secret).Verify(
            delivered.Header(StandardWebhooksVerifier.IdHeader),
            delivered.Header(StandardWebhooksVerifier.TimestampHeader),
            delivered.Header(StandardWebhooksVerifier.SignatureHeader),
            delivered.Body);
        var tampered = new StandardWebhooksVerifier(secret).Verify(
            delivered.Header(StandardWebhooksVerifier.IdHeader),
            delivered.Header(StandardWebhooksVerifier.TimestampHeader),
            delivered.Header(StandardWebhooksVerifier.SignatureHeader),
            "{\"event\":\"refunded\"}"u8);
        var upstash = new SignatureVerifier(TestHerald.CurrentKey, TestHerald.NextKey).Verify(delivered.Header("Upstash-Signature"), delivered.Body, Receiver.Url("/sw"));

        Assert.True(signing.StandardWebhooks);
        Assert.True(result.IsValid, result.Reason);
        Assert.Equal(Assert.Single(published.Messages).MessageId, result.Id);
        Assert.Equal(SignatureFailure.BodyMismatch, tampered.Failure);
        Assert.True(upstash.IsValid, upstash.Reason);
        Assert.Equal([secret], (await Client.UrlGroups.GetSigningAsync("signed", Ct)).Secrets!);
    }

    [Fact]
    public async Task Verify_RotatedSecrets_EverySecretVerifiesAndReportsItsIndex()
    {
        await Client.UrlGroups.AddEndpointsAsync("rotating", [new UrlGroupEndpointDto { Url = Receiver.Url("/rot") }], Ct);
        var current = StandardWebhooksSignature.NewSecret();
        var previous = StandardWebhooksSignature.NewSecret();
        await Client.UrlGroups.SetSigningAsync("rotating", true, [current, previous], Ct);

        await Client.PublishAsync(new PublishRequest { Destination = "rotating", Body = "x"u8.ToArray() }, Ct);
        var delivered = Assert.Single(await Receiver.DeliveriesAsync("/rot"));
        SignatureVerificationResult VerifyWith(params string[] secrets) => new StandardWebhooksVerifier(secrets).Verify(
            delivered.Header("webhook-id"), delivered.Header("webhook-timestamp"), delivered.Header("webhook-signature"), delivered.Body);

        Assert.Equal(0, VerifyWith(current).KeyIndex);
        Assert.Equal(0, VerifyWith(previous).KeyIndex);
        Assert.Equal(1, VerifyWith(StandardWebhooksSignature.NewSecret(), previous).KeyIndex);
        Assert.Equal(SignatureFailure.BodyMismatch, VerifyWith(StandardWebhooksSignature.NewSecret()).Failure);
    }

    [Fact]
    public async Task SetSigningAsync_TurnedOffOrUnknownGroup_BehavesAsTheServerSays()
    {
        await Client.UrlGroups.AddEndpointsAsync("plain", [new UrlGroupEndpointDto { Url = Receiver.Url("/plain") }], Ct);
        await Client.UrlGroups.SetSigningAsync("plain", true, cancellationToken: Ct);

        var off = await Client.UrlGroups.SetSigningAsync("plain", false, cancellationToken: Ct);
        await Client.PublishAsync(new PublishRequest { Destination = "plain" }, Ct);
        var delivered = Assert.Single(await Receiver.DeliveriesAsync("/plain"));

        Assert.False(off.StandardWebhooks);
        Assert.Null(delivered.Header("webhook-signature"));
        Assert.NotNull(delivered.Header("Upstash-Signature"));
        var missing = await Assert.ThrowsAsync<HeraldApiException>(() => Client.UrlGroups.GetSigningAsync("nope", Ct));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var invalid = await Assert.ThrowsAsync<HeraldApiException>(() => Client.UrlGroups.SetSigningAsync("plain", true, ["not-a-secret"], Ct));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
    }
}
