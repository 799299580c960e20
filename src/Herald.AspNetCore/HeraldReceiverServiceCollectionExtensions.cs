using Herald.AspNetCore;
using Herald.AspNetCore.Idempotency;
using Herald.AspNetCore.Signatures;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the receiver side of Herald: signature verification and idempotency stores.</summary>
public static class HeraldReceiverServiceCollectionExtensions
{
    /// <summary>
    /// Registers what <c>RequireHeraldSignature()</c> needs, with <see cref="HeraldReceiverOptions"/> set by
    /// <paramref name="configure"/> and validated when the host starts. Time comes from the registered
    /// <see cref="TimeProvider"/> (<see cref="TimeProvider.System"/> unless one is registered).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the signing keys and the rest of the options.</param>
    /// <returns>The service collection, for chaining.</returns>
    public static IServiceCollection AddHeraldReceiver(this IServiceCollection services, Action<HeraldReceiverOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<HeraldReceiverOptions>().Configure(configure);
        return services.AddHeraldReceiver();
    }

    /// <summary>
    /// Registers what <c>RequireHeraldSignature()</c> needs, with <see cref="HeraldReceiverOptions"/> configured elsewhere
    /// (for instance <c>services.Configure&lt;HeraldReceiverOptions&gt;(configuration.GetSection("Herald"))</c>);
    /// they are validated when the host starts.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The service collection, for chaining.</returns>
    public static IServiceCollection AddHeraldReceiver(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<HeraldReceiverOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HeraldReceiverOptions>, HeraldReceiverOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<HeraldSignatureChecker>();
        return services;
    }

    /// <summary>
    /// Registers what <c>WithIdempotency()</c> needs, with the default <see cref="HeraldIdempotencyOptions"/> and the
    /// in-memory store unless <see cref="HeraldIdempotencyBuilder.UseRedis(string)"/> (or another <c>Use...</c>) picks
    /// another.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>A builder to choose the store.</returns>
    public static HeraldIdempotencyBuilder AddHeraldIdempotency(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<HeraldIdempotencyOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HeraldIdempotencyOptions>, HeraldIdempotencyOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IIdempotencyStore>(static provider => new MemoryIdempotencyStore(provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IdempotencyGate>();
        return new HeraldIdempotencyBuilder(services);
    }

    /// <summary>
    /// Registers what <c>WithIdempotency()</c> needs, with <see cref="HeraldIdempotencyOptions"/> set by
    /// <paramref name="configure"/> (validated when the host starts).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the TTL, claim timeout, key prefix.</param>
    /// <returns>A builder to choose the store.</returns>
    public static HeraldIdempotencyBuilder AddHeraldIdempotency(this IServiceCollection services, Action<HeraldIdempotencyOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<HeraldIdempotencyOptions>().Configure(configure);
        return services.AddHeraldIdempotency();
    }
}
