using System.Text;
using Herald.Contracts.Signing;

namespace Herald.Contracts.Tests.Signing;

public sealed class StandardWebhooksSignatureTests
{
    private const string VectorSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string VectorId = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static readonly DateTimeOffset VectorTimestamp = DateTimeOffset.FromUnixTimeSeconds(1614265330);

    [Fact]
    public void Sign_SpecificationTestVector_MatchesExactly()
    {
        var signature = StandardWebhooksSignature.Sign(VectorSecret, VectorId, VectorTimestamp, Encoding.UTF8.GetBytes("{\"test\": 2432232314}"));

        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", signature);
    }

    [Theory]
    [InlineData("{\"order\":1}")]
    [InlineData("")]
    [InlineData("ünïcödé ✓")]
    public void Sign_AgreesWithTheStandardWebhooksPackage(string payload)
    {
        var secret = StandardWebhooksSignature.NewSecret();
        var independent = new StandardWebhooks.StandardWebhook(secret).Sign(VectorId, VectorTimestamp, payload);

        Assert.Equal(independent, StandardWebhooksSignature.Sign(secret, VectorId, VectorTimestamp, Encoding.UTF8.GetBytes(payload)));
    }

    [Fact]
    public void SignAll_SignsWithEverySecretSpaceSeparated()
    {
        var body = Encoding.UTF8.GetBytes("x");
        var current = StandardWebhooksSignature.NewSecret();
        var previous = StandardWebhooksSignature.NewSecret();

        var header = StandardWebhooksSignature.SignAll([current, previous], "msg_1", VectorTimestamp, body);

        Assert.Equal(
            [StandardWebhooksSignature.Sign(current, "msg_1", VectorTimestamp, body), StandardWebhooksSignature.Sign(previous, "msg_1", VectorTimestamp, body)],
            header.Split(' '));
    }

    [Fact]
    public void NewSecret_Is32RandomBytesWithThePrefix()
    {
        var a = StandardWebhooksSignature.NewSecret();

        Assert.StartsWith("whsec_", a, StringComparison.Ordinal);
        Assert.Equal(32, StandardWebhooksSignature.SecretBytes(a).Length);
        Assert.NotEqual(a, StandardWebhooksSignature.NewSecret());
    }

    [Fact]
    public void SecretBytes_NotBase64_Throws() =>
        Assert.Throws<FormatException>(() => StandardWebhooksSignature.SecretBytes("whsec_not base64!"));
}
