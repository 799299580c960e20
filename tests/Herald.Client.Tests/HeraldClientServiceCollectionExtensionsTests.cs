using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;

namespace Herald.Client.Tests;

public sealed class HeraldClientServiceCollectionExtensionsTests : IAsyncLifetime
{
    private TestHerald _herald = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _herald = await TestHerald.StartAsync();

    public async ValueTask DisposeAsync() => await _herald.DisposeAsync();

    [Fact]
    public async Task AddHeraldClient_ResolvesATypedClientThatReachesTheServer()
    {
        var services = new ServiceCollection();
        services.AddHeraldClient(o =>
        {
            o.BaseAddress = _herald.BaseAddress;
            o.Token = TestHerald.DevToken;
        });
        await using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<HeraldClient>();
        var keys = await client.SigningKeys.GetAsync(Ct);

        Assert.Equal(TestHerald.CurrentKey, keys.Current);
        Assert.Equal(TestHerald.NextKey, keys.Next);
        Assert.NotNull(provider.GetRequiredService<IOptionsMonitor<HttpClientFactoryOptions>>().Get(HeraldClientServiceCollectionExtensions.HttpClientName));
    }

    [Fact]
    public async Task AddHeraldClient_ReturnsTheHttpClientBuilderForHandlers()
    {
        var services = new ServiceCollection();
        var calls = 0;
        services.AddHeraldClient(o =>
        {
            o.BaseAddress = _herald.BaseAddress;
            o.Token = TestHerald.DevToken;
        }).ConfigureHttpClient(_ => Interlocked.Increment(ref calls));
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<HeraldClient>().SigningKeys.GetAsync(Ct);

        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task AddHeraldClient_WithoutBaseAddress_FailsOptionsValidation()
    {
        var services = new ServiceCollection();
        services.AddHeraldClient(o => o.Token = "t");
        await using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<HeraldClient>());

        Assert.Contains("BaseAddress", error.Message, StringComparison.Ordinal);
    }
}
