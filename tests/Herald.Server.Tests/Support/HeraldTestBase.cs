namespace Herald.Server.Tests.Support;

/// <summary>A fresh Herald (dev mode) and a fresh receiver per test.</summary>
public abstract class HeraldTestBase : IAsyncLifetime
{
    protected LoopbackReceiver Receiver { get; private set; } = null!;

    protected TestHerald Herald { get; private set; } = null!;

    protected virtual IReadOnlyDictionary<string, string?>? Configuration => null;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public virtual async ValueTask InitializeAsync()
    {
        Receiver = await LoopbackReceiver.StartAsync();
        Herald = await TestHerald.StartAsync(Configuration);
    }

    public virtual async ValueTask DisposeAsync()
    {
        await Herald.DisposeAsync();
        await Receiver.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
