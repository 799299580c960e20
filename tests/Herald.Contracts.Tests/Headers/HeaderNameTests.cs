using Herald.Contracts.Headers;

namespace Herald.Contracts.Tests.Headers;

public sealed class HeaderNameTests
{
    [Theory]
    [InlineData("content-type", "Content-Type")]
    [InlineData("CONTENT-TYPE", "Content-Type")]
    [InlineData("Content-Type", "Content-Type")]
    [InlineData("bypass-tunnel-reminder", "Bypass-Tunnel-Reminder")]
    [InlineData("x-api-key", "X-Api-Key")]
    [InlineData("upstash-workflow-sdk-version", "Upstash-Workflow-Sdk-Version")]
    [InlineData("etag", "Etag")]
    [InlineData("x--double", "X--Double")]
    [InlineData("-leading", "-Leading")]
    [InlineData("a1-b2", "A1-B2")]
    [InlineData("has space", "has space")]
    [InlineData("with:colon", "with:colon")]
    public void Canonicalize_FollowsGoTextprotoRules(string input, string expected) =>
        Assert.Equal(expected, HeaderName.Canonicalize(input));

    [Fact]
    public void Canonicalize_AlreadyCanonical_ReturnsTheSameInstance()
    {
        const string name = "X-Custom-Header";

        Assert.Same(name, HeaderName.Canonicalize(name));
    }

    [Theory]
    [InlineData("X-Custom", true)]
    [InlineData("x_custom.v2~!#$%&'*+^`|", true)]
    [InlineData("", false)]
    [InlineData("has space", false)]
    [InlineData("new\nline", false)]
    [InlineData("colon:", false)]
    [InlineData("ünïcode", false)]
    public void IsValid_AcceptsOnlyTokens(string name, bool valid) => Assert.Equal(valid, HeaderName.IsValid(name));

    [Theory]
    [InlineData("plain value", true)]
    [InlineData("tab\tinside", true)]
    [InlineData("", true)]
    [InlineData("carriage\rreturn", false)]
    [InlineData("line\nfeed", false)]
    [InlineData("nul\0byte", false)]
    [InlineData("del\u007Fchar", false)]
    public void IsValidValue_RejectsControlCharacters(string value, bool valid) => Assert.Equal(valid, HeaderName.IsValidValue(value));
}
