using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StackExchange.Redis;

namespace Herald.AspNetCore.Idempotency;

/// <summary>Chooses the <see cref="IIdempotencyStore"/> behind <c>WithIdempotency()</c>; the last choice wins.</summary>
/// <example>
/// <code>
/// builder.Services.AddHeraldIdempotency(o =&gt; o.Ttl = TimeSpan.FromDays(2)).UseRedis("127.0.0.1:6379");
/// </code>
/// </example>
public sealed class HeraldIdempotencyBuilder
{
    internal HeraldIdempotencyBuilder(IServiceCollection services) => Services = services;

    /// <summary>The service collection.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Keeps processed message ids in this process's memory (<see cref="MemoryIdempotencyStore"/>): one instance only.</summary>
    /// <returns>This builder.</returns>
    public HeraldIdempotencyBuilder UseMemory() =>
        Use(static provider => new MemoryIdempotencyStore(provider.GetRequiredService<TimeProvider>()));

    /// <summary>
    /// Keeps processed message ids in Redis (<see cref="RedisIdempotencyStore"/>), on a connection of its own made from
    /// <paramref name="configuration"/> (a StackExchange.Redis configuration string such as <c>127.0.0.1:6379</c>) when
    /// first needed, and closed with the app. The app starts even if Redis is down; deliveries are then answered
    /// <c>503</c> (the sender retries) until it is back.
    /// </summary>
    /// <param name="configuration">The Redis configuration string.</param>
    /// <returns>This builder.</returns>
    public HeraldIdempotencyBuilder UseRedis(string configuration)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(configuration);
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        return Use(provider => new RedisIdempotencyStore(ConnectionMultiplexer.Connect(options), ownsConnection: true));
    }

    /// <summary>Keeps processed message ids in Redis on a connection the app owns (and disposes).</summary>
    /// <param name="connection">The connection.</param>
    /// <returns>This builder.</returns>
    public HeraldIdempotencyBuilder UseRedis(IConnectionMultiplexer connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return Use(_ => new RedisIdempotencyStore(connection));
    }

    /// <summary>Keeps processed message ids in Redis on a connection from the container (for example one the app registered).</summary>
    /// <param name="connectionFactory">Returns the connection; the app owns (and disposes) it.</param>
    /// <returns>This builder.</returns>
    public HeraldIdempotencyBuilder UseRedis(Func<IServiceProvider, IConnectionMultiplexer> connectionFactory)
    {
        ArgumentNullException.ThrowIfNull(connectionFactory);
        return Use(provider => new RedisIdempotencyStore(connectionFactory(provider)));
    }

    /// <summary>Uses a store of the app's own (a database table, a distributed cache), registered as a singleton.</summary>
    /// <typeparam name="TStore">The store type.</typeparam>
    /// <returns>This builder.</returns>
    public HeraldIdempotencyBuilder UseStore<TStore>()
        where TStore : class, IIdempotencyStore
    {
        Services.RemoveAll<IIdempotencyStore>();
        Services.AddSingleton<IIdempotencyStore, TStore>();
        return this;
    }

    private HeraldIdempotencyBuilder Use(Func<IServiceProvider, IIdempotencyStore> factory)
    {
        Services.RemoveAll<IIdempotencyStore>();
        Services.AddSingleton(factory);
        return this;
    }
}
