using Herald.Client.Tests.Support;

namespace Herald.Client.Tests.SigningKeys;

public sealed class SigningKeysClientTests : ClientTestBase
{
    [Fact]
    public async Task GetAsync_DevServer_ReturnsThePublishedDevelopmentKeys()
    {
        var keys = await Client.SigningKeys.GetAsync(Ct);

        Assert.Equal(TestHerald.CurrentKey, keys.Current);
        Assert.Equal(TestHerald.NextKey, keys.Next);
    }

    [Fact]
    public async Task RotateAsync_MakesTheNextKeyCurrentAndANewNextKey()
    {
        var rotated = await Client.SigningKeys.RotateAsync(Ct);
        var read = await Client.SigningKeys.GetAsync(Ct);

        Assert.Equal(TestHerald.NextKey, rotated.Current);
        Assert.StartsWith("sig_", rotated.Next, StringComparison.Ordinal);
        Assert.NotEqual(TestHerald.CurrentKey, rotated.Next);
        Assert.NotEqual(TestHerald.NextKey, rotated.Next);
        Assert.Equal(rotated, read);
    }
}
