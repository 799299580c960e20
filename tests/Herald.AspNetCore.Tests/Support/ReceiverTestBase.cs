using Herald.Client;
using Herald.Client.Publishing;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.AspNetCore.Tests.Support;

/// <summary>A fresh Herald (dev mode) and its client per test; receiver apps started by the test are stopped with it.</summary>
public abstract class ReceiverTestBase : IAsyncLifetime
{
    private readonly List<ReceiverApp> _apps = [];

    protected TestHerald Herald { get; private set; } = null!;

    protected HeraldClient Client { get; private set; } = null!;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public virtual async ValueTask InitializeAsync()
    {
        Herald = await TestHerald.StartAsync();
        Client = Herald.CreateClient();
    }

    public virtual async ValueTask DisposeAsync()
    {
        foreach (var app in _apps)
        {
            await app.DisposeAsync();
        }

        Client.Dispose();
        await Herald.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Starts a receiver app that knows the dev signing keys, then applies <paramref name="configure"/>.</summary>
    protected async Task<ReceiverApp> StartReceiverAsync(
        Action<HeraldReceiverOptions>? configure = null,
        Action<IServiceCollection>? services = null,
        TimeProvider? timeProvider = null)
    {
        var app = await ReceiverApp.StartAsync(
            o =>
            {
                o.CurrentSigningKey = TestHerald.CurrentKey;
                o.NextSigningKey = TestHerald.NextKey;
                configure?.Invoke(o);
            },
            services,
            timeProvider);
        _apps.Add(app);
        return app;
    }

    /// <summary>Publishes <paramref name="body"/> to <paramref name="url"/>; no retries unless asked.</summary>
    protected async Task<string> PublishAsync(string url, string body, int retries = 0, string? retryDelay = null)
    {
        var result = await Client.PublishAsync(
            new PublishRequest
            {
                Destination = url,
                Body = System.Text.Encoding.UTF8.GetBytes(body),
                ContentType = "application/json",
                Retries = retries,
                RetryDelay = retryDelay,
            },
            Ct);
        return Assert.Single(result.Messages).MessageId;
    }
}
