using System.Net;
using Herald.Core.Egress;

namespace Herald.Core.Tests.Egress;

public sealed class EgressUrlTests
{
    [Theory]
    [InlineData("http://127.0.0.1/", "127.0.0.1")]
    [InlineData("http://127.1/", "127.0.0.1")]
    [InlineData("http://2130706433/", "127.0.0.1")]
    [InlineData("http://0x7f000001/", "127.0.0.1")]
    [InlineData("http://0177.0.0.1/", "127.0.0.1")]
    [InlineData("http://0x7f.0x0.0x0.0x1:8080/x", "127.0.0.1")]
    [InlineData("http://127.000.000.001/", "127.0.0.1")]
    [InlineData("https://169.254.169.254/latest/meta-data/", "169.254.169.254")]
    [InlineData("http://10.1/", "10.0.0.1")]
    [InlineData("http://0/", "0.0.0.0")]
    [InlineData("http://[::1]:8080/", "::1")]
    [InlineData("http://[::ffff:127.0.0.1]/", "::ffff:127.0.0.1")]
    [InlineData("http://[::ffff:7f00:1]/", "::ffff:127.0.0.1")]
    [InlineData("http://[fe80::1%25eth0]/", "fe80::1")]
    [InlineData("http://[fd00:ec2::254]/", "fd00:ec2::254")]
    [InlineData("http://user:pw@10.0.0.5/", "10.0.0.5")]
    public void TryGetBlockedLiteral_BlockedLiteral_ReturnsAddress(string url, string expected)
    {
        Assert.True(EgressUrl.TryGetBlockedLiteral(new Uri(url), EgressPolicy.Default, out var address));
        Assert.Equal(IPAddress.Parse(expected), address);
    }

    [Theory]
    [InlineData("http://8.8.8.8/")]
    [InlineData("http://134744072/")]
    [InlineData("http://[2001:4860:4860::8888]/")]
    [InlineData("http://example.com/")]
    [InlineData("http://localhost/")]
    [InlineData("http://internal.example/")]
    [InlineData("http://4294967296/")]
    public void TryGetBlockedLiteral_PublicLiteralOrHostName_ReturnsFalse(string url)
    {
        Assert.False(EgressUrl.TryGetBlockedLiteral(new Uri(url), EgressPolicy.Default, out var address));
        Assert.Null(address);
    }

    [Fact]
    public void TryGetBlockedLiteral_AllowListedLiteral_ReturnsFalse()
    {
        var policy = new EgressPolicy(EgressPolicy.LoopbackNetworks);

        Assert.False(EgressUrl.TryGetBlockedLiteral(new Uri("http://2130706433/"), policy, out _));
        Assert.True(EgressUrl.TryGetBlockedLiteral(new Uri("http://10.0.0.1/"), policy, out _));
    }

    [Fact]
    public void TryGetBlockedLiteral_FullWidthDigits_JudgedAsHttpClientDialsThem()
    {
        // HttpClient dials uri.IdnHost. With ICU that is "127.0.0.1" (NFKC-normalised) and must be blocked; under
        // invariant globalization (this repository's setting) it is punycode ("xn--8g7ccp.0.0.1"), which no resolver maps.
        var uri = new Uri("http://\uFF11\uFF12\uFF17.0.0.1/");

        var blocked = EgressUrl.TryGetBlockedLiteral(uri, EgressPolicy.Default, out var address);

        Assert.Equal(UriHostNameType.Dns, uri.HostNameType);
        Assert.Equal(IPAddress.TryParse(uri.IdnHost, out var idnAddress), blocked);
        Assert.Equal(idnAddress, address);
    }

    [Fact]
    public void TryGetBlockedLiteral_RelativeUri_ReturnsFalse() =>
        Assert.False(EgressUrl.TryGetBlockedLiteral(new Uri("/relative", UriKind.Relative), EgressPolicy.Default, out _));

    [Fact]
    public void UriParsing_AlternativeIPv4Encodings_NormaliseToDottedQuad()
    {
        var uri = new Uri("http://2130706433/");

        Assert.Equal(UriHostNameType.IPv4, uri.HostNameType);
        Assert.Equal("127.0.0.1", uri.Host);
    }

    [Theory]
    [InlineData("http://user:pw@example.com/", true)]
    [InlineData("http://user@example.com/", true)]
    [InlineData("http://:@example.com/", true)]
    [InlineData("http://example.com/", false)]
    [InlineData("http://example.com/@x", false)]
    [InlineData("http://example.com/?q=a@b", false)]
    public void HasUserInfo_Url_DetectsCredentials(string url, bool expected) =>
        Assert.Equal(expected, EgressUrl.HasUserInfo(new Uri(url)));
}
