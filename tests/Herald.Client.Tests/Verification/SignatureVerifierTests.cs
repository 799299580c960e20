using System.Text;
using Herald.Client.Publishing;
using Herald.Client.Tests.Support;
using Herald.Client.Verification;
using Microsoft.Extensions.Time.Testing;

namespace Herald.Client.Tests.Verification;

/// <summary>The verifier against real deliveries from a real Herald.</summary>
public sealed class SignatureVerifierTests : ClientTestBase
{
    [Fact]
    public async Task Verify_RealDelivery_IsValidWithTheUrlChecked()
    {
        var (delivered, url) = await DeliverAsync("/hook?order=1042", "{\"order\":1042}");
        var verifier = new SignatureVerifier(TestHerald.CurrentKey, TestHerald.NextKey);

        var result = verifier.Verify(delivered.Header("Upstash-Signature"), delivered.Body, url);

        Assert.True(result.IsValid, result.Reason);
        Assert.Equal(SignatureFailure.None, result.Failure);
        Assert.Null(result.Reason);
        Assert.Equal(0, result.KeyIndex);
        Assert.Equal(url, result.Subject);
        Assert.StartsWith("jwt_", result.Id, StringComparison.Ordinal);
        Assert.Equal(result.IssuedAt + TimeSpan.FromMinutes(5), result.ExpiresAt);
        Assert.True(verifier.Verify(delivered.Header("Upstash-Signature"), Encoding.UTF8.GetString(delivered.Body)).IsValid);
    }

    [Fact]
    public async Task Verify_TamperedBody_FailsWithBodyMismatch()
    {
        var (delivered, url) = await DeliverAsync("/tamper", "{\"amount\":10}");
        var verifier = new SignatureVerifier(TestHerald.CurrentKey, TestHerald.NextKey);

        var result = verifier.Verify(delivered.Header("Upstash-Signature"), "{\"amount\":99}"u8, url);

        Assert.False(result.IsValid);
        Assert.Equal(SignatureFailure.BodyMismatch, result.Failure);
        Assert.Null(result.KeyIndex);
    }

    [Fact]
    public async Task Verify_WrongUrl_FailsWithUrlMismatch()
    {
        var (delivered, url) = await DeliverAsync("/right", "{}");
        var verifier = new SignatureVerifier(TestHerald.CurrentKey, TestHerald.NextKey);

        var result = verifier.Verify(delivered.Header("Upstash-Signature"), delivered.Body, url.Replace("/right", "/wrong", StringComparison.Ordinal));

        Assert.Equal(SignatureFailure.UrlMismatch, result.Failure);
        Assert.True(verifier.Verify(delivered.Header("Upstash-Signature"), delivered.Body, url).IsValid);
    }

    [Fact]
    public async Task Verify_WrongKeys_FailsWithInvalidSignature()
    {
        var (delivered, url) = await DeliverAsync("/keys", "{}");
        var verifier = new SignatureVerifier("sig_7GVPjvuwsfqF65iC8fSrs1dfYruM", "sig_5NoELc3EFnZn4DVS5bDs2Nk4b7Ua");

        var result = verifier.Verify(delivered.Header("Upstash-Signature"), delivered.Body, url);

        Assert.Equal(SignatureFailure.InvalidSignature, result.Failure);
        var thrown = Assert.Throws<SignatureVerificationException>(() => verifier.VerifyOrThrow(delivered.Header("Upstash-Signature"), delivered.Body, url));
        Assert.Equal(SignatureFailure.InvalidSignature, thrown.Failure);
    }

    [Fact]
    public async Task Verify_AfterExpiry_FailsWithExpiredUnlessWithinTheClockTolerance()
    {
        var (delivered, url) = await DeliverAsync("/late", "{}");
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow() + TimeSpan.FromMinutes(6));
        var strict = new SignatureVerifier(TestHerald.CurrentKey, TestHerald.NextKey, clock, TimeSpan.Zero);
        var lenient = new SignatureVerifier(TestHerald.CurrentKey, TestHerald.NextKey, clock, TimeSpan.FromMinutes(2));
        var signature = delivered.Header("Upstash-Signature");

        var expired = strict.Verify(signature, delivered.Body, url);
        var tolerated = lenient.Verify(signature, delivered.Body, url);
        clock.Advance(TimeSpan.FromMinutes(2));
        var expiredEvenWithTolerance = lenient.Verify(signature, delivered.Body, url);

        Assert.Equal(SignatureFailure.Expired, expired.Failure);
        Assert.True(tolerated.IsValid, tolerated.Reason);
        Assert.Equal(SignatureFailure.Expired, expiredEvenWithTolerance.Failure);
    }

    [Fact]
    public async Task Verify_AfterTheServerRotatesKeys_AcceptsTheNextKey()
    {
        await Client.SigningKeys.RotateAsync(Ct);
        var (delivered, url) = await DeliverAsync("/rotated", "{\"n\":1}");
        var signature = delivered.Header("Upstash-Signature");

        var both = new SignatureVerifier(TestHerald.CurrentKey, TestHerald.NextKey).Verify(signature, delivered.Body, url);
        var currentOnly = new SignatureVerifier(TestHerald.CurrentKey, null).Verify(signature, delivered.Body, url);

        Assert.True(both.IsValid, both.Reason);
        Assert.Equal(1, both.KeyIndex);
        Assert.Equal(SignatureFailure.InvalidSignature, currentOnly.Failure);
    }

    [Fact]
    public async Task VerifyOrThrow_ValidDelivery_ReturnsTheResult()
    {
        var (delivered, url) = await DeliverAsync("/ok", "{}");

        var result = new SignatureVerifier(TestHerald.CurrentKey, TestHerald.NextKey).VerifyOrThrow(delivered.Header("Upstash-Signature"), delivered.Body, url);

        Assert.True(result.IsValid);
    }

    [Fact]
    public void Verify_MissingOrGarbageSignature_FailsWithoutThrowing()
    {
        var verifier = new SignatureVerifier(TestHerald.CurrentKey, TestHerald.NextKey);

        Assert.Equal(SignatureFailure.Missing, verifier.Verify(null, "{}").Failure);
        Assert.Equal(SignatureFailure.Missing, verifier.Verify("", "{}").Failure);
        Assert.Equal(SignatureFailure.Malformed, verifier.Verify("not-a-jwt", "{}").Failure);
        Assert.Equal(SignatureFailure.Malformed, verifier.Verify("a.b.c.d", "{}").Failure);
        Assert.Equal(SignatureFailure.Malformed, verifier.Verify("!!!.e30.sig", "{}").Failure);
        Assert.Equal(SignatureFailure.Malformed, verifier.Verify("e30.e30.AAAA", "{}").Failure);
        Assert.Equal(SignatureFailure.InvalidSignature, verifier.Verify("eyJhbGciOiJIUzI1NiJ9.e30.AAAA", "{}").Failure);
        Assert.Throws<ArgumentException>(() => new SignatureVerifier("", null));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SignatureVerifier("sig_x", null, TimeProvider.System, TimeSpan.FromSeconds(-1)));
    }

    /// <summary>Publishes <paramref name="body"/> to <paramref name="pathAndQuery"/> on the receiver; returns the delivery and its URL.</summary>
    private async Task<(ReceivedRequest Delivered, string Url)> DeliverAsync(string pathAndQuery, string body)
    {
        var url = Receiver.Url(pathAndQuery);
        await Client.PublishAsync(new PublishRequest { Destination = url, Body = Encoding.UTF8.GetBytes(body), ContentType = "application/json" }, Ct);
        var delivered = Assert.Single(await Receiver.DeliveriesAsync(pathAndQuery.Split('?')[0], 1));
        Assert.Equal(body, Encoding.UTF8.GetString(delivered.Body));
        return (delivered, url);
    }
}
