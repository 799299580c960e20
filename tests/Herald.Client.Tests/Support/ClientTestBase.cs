namespace Herald.Client.Tests.Support;

/// <summary>A fresh Herald (dev mode), a fresh loopback receiver and a client of the first dev user, per test.</summary>
public abstract class ClientTestBase : IAsyncLifetime
{
    protected LoopbackReceiver Receiver { get; private set; } = null!;

    protected TestHerald Herald { get; private set; } = null!;

    protected HeraldClient Client { get; private set; } = null!;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public virtual async ValueTask InitializeAsync()
    {
        Receiver = await LoopbackReceiver.StartAsync();
        Herald = await TestHerald.StartAsync();
        Client = Herald.CreateClient();
    }

    public virtual async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Herald.DisposeAsync();
        await Receiver.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
