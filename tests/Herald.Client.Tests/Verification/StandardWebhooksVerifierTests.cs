using System.Text;
using Herald.Client.Verification;
using Herald.Contracts.Signing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using StandardWebhooks;

namespace Herald.Client.Tests.Verification;

public sealed class StandardWebhooksVerifierTests
{
    // The test vector of the Standard Webhooks specification.
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string Id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private const string Timestamp = "1614265330";
    private const string Payload = "{\"test\": 2432232314}";
    private const string Expected = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    private static readonly DateTimeOffset SentAt = DateTimeOffset.FromUnixTimeSeconds(1614265330);

    private readonly FakeTimeProvider _clock = new(SentAt);

    [Fact]
    public void Verify_SpecificationTestVector_IsValid()
    {
        var verifier = new StandardWebhooksVerifier([Secret], _clock);

        var result = verifier.Verify(Id, Timestamp, Expected, Payload);

        Assert.True(result.IsValid, result.Reason);
        Assert.Equal(0, result.KeyIndex);
        Assert.Equal(Id, result.Id);
        Assert.Equal(SentAt, result.IssuedAt);
        Assert.Equal(Expected, StandardWebhooksSignature.Sign(Secret, Id, SentAt, Encoding.UTF8.GetBytes(Payload)));
    }

    [Fact]
    public void Verify_TamperedPayloadIdOrTimestamp_FailsWithBodyMismatch()
    {
        var verifier = new StandardWebhooksVerifier([Secret], _clock);

        Assert.Equal(SignatureFailure.BodyMismatch, verifier.Verify(Id, Timestamp, Expected, "{\"test\": 2432232315}").Failure);
        Assert.Equal(SignatureFailure.BodyMismatch, verifier.Verify("msg_other", Timestamp, Expected, Payload).Failure);
        Assert.Equal(SignatureFailure.BodyMismatch, verifier.Verify(Id, "1614265331", Expected, Payload).Failure);
        Assert.Equal(SignatureFailure.BodyMismatch, new StandardWebhooksVerifier([Convert.ToBase64String(new byte[24])], _clock).Verify(Id, Timestamp, Expected, Payload).Failure);
    }

    [Fact]
    public void Verify_TimestampOutsideTheTolerance_FailsEitherWay()
    {
        SignatureVerificationResult At(TimeSpan offset, TimeSpan? tolerance = null)
        {
            var verifier = new StandardWebhooksVerifier([Secret], new FakeTimeProvider(SentAt + offset)) { Tolerance = tolerance ?? TimeSpan.FromMinutes(5) };
            return verifier.Verify(Id, Timestamp, Expected, Payload);
        }

        var edge = At(TimeSpan.FromMinutes(5));
        var old = At(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        var future = At(TimeSpan.FromMinutes(-6));
        var wide = At(TimeSpan.FromMinutes(-6), tolerance: TimeSpan.FromMinutes(10));

        Assert.True(edge.IsValid, edge.Reason);
        Assert.Equal(SignatureFailure.TimestampOutOfTolerance, old.Failure);
        Assert.Contains("old", old.Reason, StringComparison.Ordinal);
        Assert.Equal(SignatureFailure.TimestampOutOfTolerance, future.Failure);
        Assert.Contains("future", future.Reason, StringComparison.Ordinal);
        Assert.True(wide.IsValid, wide.Reason);
    }

    [Fact]
    public void Verify_RotatedSecrets_AcceptsAnyAndReportsWhich()
    {
        var newSecret = "whsec_" + Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
        var verifier = new StandardWebhooksVerifier([newSecret, Secret], _clock);
        var signedWithNew = StandardWebhooksSignature.Sign(newSecret, Id, SentAt, Encoding.UTF8.GetBytes(Payload));

        var old = verifier.Verify(Id, Timestamp, Expected, Payload);
        var current = verifier.Verify(Id, Timestamp, signedWithNew, Payload);

        Assert.Equal(1, old.KeyIndex);
        Assert.Equal(0, current.KeyIndex);
        Assert.NotEqual(Expected, signedWithNew);
    }

    [Fact]
    public void Verify_SeveralSignaturesInTheHeader_AcceptsWhenOneMatches()
    {
        var verifier = new StandardWebhooksVerifier([Secret], _clock);

        var result = verifier.Verify(Id, Timestamp, "v1,bm90IGl0 v1a,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE= v2,xyz " + Expected, Payload);
        var noneMatch = verifier.Verify(Id, Timestamp, "v1,bm90IGl0 v1a,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE= g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", Payload);

        Assert.True(result.IsValid, result.Reason);
        Assert.Equal(SignatureFailure.BodyMismatch, noneMatch.Failure);
    }

    [Fact]
    public void Verify_MissingHeadersOrBadTimestamp_FailsWithoutThrowing()
    {
        var verifier = new StandardWebhooksVerifier([Secret], _clock);

        Assert.Equal(SignatureFailure.Missing, verifier.Verify(null, Timestamp, Expected, Payload).Failure);
        Assert.Equal(SignatureFailure.Missing, verifier.Verify(Id, "", Expected, Payload).Failure);
        Assert.Equal(SignatureFailure.Missing, verifier.Verify(Id, Timestamp, null, Payload).Failure);
        Assert.Equal(SignatureFailure.InvalidTimestamp, verifier.Verify(Id, "yesterday", Expected, Payload).Failure);
        Assert.Equal(SignatureFailure.InvalidTimestamp, verifier.Verify(Id, "-5", Expected, Payload).Failure);
        var thrown = Assert.Throws<SignatureVerificationException>(() => verifier.VerifyOrThrow(Id, "1", Expected, Encoding.UTF8.GetBytes(Payload)));
        Assert.Equal(SignatureFailure.TimestampOutOfTolerance, thrown.Failure);
    }

    [Fact]
    public void Constructor_InvalidSecrets_ThrowArgumentException()
    {
        Assert.Throws<ArgumentException>(() => new StandardWebhooksVerifier());
        Assert.Throws<ArgumentException>(() => new StandardWebhooksVerifier("whsec_not base64!"));
        Assert.Throws<ArgumentException>(() => new StandardWebhooksVerifier("whsec_"));
        Assert.True(new StandardWebhooksVerifier(["MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"], _clock).Verify(Id, Timestamp, Expected, Payload).IsValid);
    }

    [Fact]
    public void Verify_SignatureFromTheStandardWebhooksPackage_IsValid()
    {
        var now = TimeProvider.System.GetUtcNow();
        var sentAt = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds());
        var signature = new StandardWebhook(Secret).Sign(Id, sentAt, Payload);

        var result = new StandardWebhooksVerifier([Secret], new FakeTimeProvider(now)).Verify(Id, sentAt.ToUnixTimeSeconds().ToString(), signature, Payload);

        Assert.True(result.IsValid, result.Reason);
        Assert.Equal(StandardWebhooksSignature.Sign(Secret, Id, sentAt, Encoding.UTF8.GetBytes(Payload)), signature);
    }

    [Fact]
    public void Sign_VerifiedByTheStandardWebhooksPackage()
    {
        var sentAt = DateTimeOffset.FromUnixTimeSeconds(TimeProvider.System.GetUtcNow().ToUnixTimeSeconds());
        var headers = new HeaderDictionary
        {
            [StandardWebhooksVerifier.IdHeader] = Id,
            [StandardWebhooksVerifier.TimestampHeader] = sentAt.ToUnixTimeSeconds().ToString(),
            [StandardWebhooksVerifier.SignatureHeader] = StandardWebhooksSignature.Sign(Secret, Id, sentAt, Encoding.UTF8.GetBytes(Payload)),
        };

        new StandardWebhook(Secret).Verify(Payload, headers);

        headers[StandardWebhooksVerifier.SignatureHeader] = StandardWebhooksSignature.Sign(Secret, Id, sentAt, Encoding.UTF8.GetBytes(Payload + " "));
        Assert.ThrowsAny<Exception>(() => new StandardWebhook(Secret).Verify(Payload, headers));
    }
}
