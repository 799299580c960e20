using Herald.AspNetCore.Pipeline;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// Protects endpoints that receive deliveries from Herald or Upstash QStash: <see cref="RequireHeraldSignature{TBuilder}"/>
/// verifies the signature on the raw body and <see cref="WithIdempotency{TBuilder}"/> runs the handler once per message.
/// Both work on a single route (<c>MapPost(...)</c>) and on a route group (<c>MapGroup(...)</c>), in either order.
/// </summary>
/// <example>
/// <code>
/// builder.Services.AddHeraldReceiver(o =&gt;
/// {
///     o.CurrentSigningKey = builder.Configuration["QSTASH_CURRENT_SIGNING_KEY"];
///     o.NextSigningKey = builder.Configuration["QSTASH_NEXT_SIGNING_KEY"];
/// });
/// builder.Services.AddHeraldIdempotency().UseRedis("127.0.0.1:6379");
/// ...
/// app.MapPost("/webhooks/orders", (OrderPaid order) =&gt; ...)
///    .RequireHeraldSignature()
///    .WithIdempotency();
/// </code>
/// </example>
public static class HeraldEndpointConventionBuilderExtensions
{
    /// <summary>
    /// Accepts only requests signed by Herald (or QStash) as <c>HeraldReceiverOptions</c> say: the raw body is read
    /// (up to <c>MaxBodySize</c>, else <c>413</c>) and rewound before parameter binding, so the handler still reads or
    /// binds it; an <c>Upstash-Signature</c> JWT or Standard Webhooks headers are verified against it; a request that
    /// fails is answered <c>401</c> with <c>{"error":"invalid signature"}</c> and the handler does not run. Needs
    /// <c>services.AddHeraldReceiver(...)</c>.
    /// </summary>
    /// <typeparam name="TBuilder">The endpoint or group builder.</typeparam>
    /// <param name="builder">The route or route group.</param>
    /// <returns>The builder, for chaining.</returns>
    public static TBuilder RequireHeraldSignature<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Add(static endpoint => endpoint.Metadata.Add(HeraldEndpointMarker.Signature));
        builder.Finally(HeraldEndpointPipeline.Install);
        return builder;
    }

    /// <summary>
    /// Runs the handler once per message, keyed on the verified message id (<c>webhook-id</c> when a Standard Webhooks
    /// signature verified, else <c>Upstash-Message-Id</c>). A duplicate of a processed message is answered <c>200</c>
    /// without running the handler; a duplicate that arrives while the first delivery is still running is answered
    /// <c>409</c> with <c>Retry-After</c>; a handler that throws or answers anything but <c>2xx</c> releases the id, so
    /// the sender's retry runs it again. Needs <see cref="RequireHeraldSignature{TBuilder}"/> on the endpoint or its
    /// group (an unverified id could be used to suppress a real delivery) and <c>services.AddHeraldIdempotency()</c>.
    /// </summary>
    /// <typeparam name="TBuilder">The endpoint or group builder.</typeparam>
    /// <param name="builder">The route or route group.</param>
    /// <returns>The builder, for chaining.</returns>
    public static TBuilder WithIdempotency<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Add(static endpoint => endpoint.Metadata.Add(HeraldEndpointMarker.Idempotency));
        builder.Finally(HeraldEndpointPipeline.Install);
        return builder;
    }
}
