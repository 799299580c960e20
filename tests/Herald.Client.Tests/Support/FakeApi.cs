namespace Herald.Client.Tests.Support;

/// <summary>A loopback HTTP server posing as the API, for answers Herald never gives (429, non-JSON errors, slowness).</summary>
public sealed class FakeApi : IAsyncDisposable
{
    private FakeApi(LoopbackReceiver receiver) => Receiver = receiver;

    public LoopbackReceiver Receiver { get; }

    public static async Task<FakeApi> StartAsync() => new(await LoopbackReceiver.StartAsync());

    public HeraldClient CreateClient() => new(new HeraldClientOptions { BaseAddress = Receiver.BaseAddress, Token = "fake-token" });

    public ValueTask DisposeAsync() => Receiver.DisposeAsync();
}
