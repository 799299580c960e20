using Herald.Client;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="HeraldClient"/> as a typed <see cref="HttpClient"/> client of <c>IHttpClientFactory</c>.</summary>
public static class HeraldClientServiceCollectionExtensions
{
    /// <summary>The name of the <see cref="HttpClient"/> behind <see cref="HeraldClient"/> in <c>IHttpClientFactory</c>.</summary>
    public const string HttpClientName = "Herald.Client";

    /// <summary>
    /// Registers <see cref="HeraldClient"/> (transient, on a pooled handler from <c>IHttpClientFactory</c>) configured
    /// by <paramref name="configure"/>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the base address (required) and the token.</param>
    /// <returns>The HTTP client builder, to add handlers (resilience, logging) to the client.</returns>
    /// <example>
    /// <code>
    /// builder.Services.AddHeraldClient(o =>
    /// {
    ///     o.BaseAddress = new Uri("http://127.0.0.1:8080");
    ///     o.Token = builder.Configuration["QSTASH_TOKEN"];
    /// });
    /// </code>
    /// </example>
    public static IHttpClientBuilder AddHeraldClient(this IServiceCollection services, Action<HeraldClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<HeraldClientOptions>().Configure(configure);
        return services.AddHeraldClient();
    }

    /// <summary>
    /// Registers <see cref="HeraldClient"/> with <see cref="HeraldClientOptions"/> configured elsewhere (for instance
    /// bound with <c>services.AddOptions&lt;HeraldClientOptions&gt;().BindConfiguration("Herald")</c>).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The HTTP client builder, to add handlers (resilience, logging) to the client.</returns>
    public static IHttpClientBuilder AddHeraldClient(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<HeraldClientOptions>()
            .Validate(static o => o.BaseAddress is { IsAbsoluteUri: true }, "HeraldClientOptions.BaseAddress must be an absolute http(s) URI")
            .ValidateOnStart();
        return services.AddHttpClient(HttpClientName)
            .AddTypedClient(static (httpClient, provider) =>
                new HeraldClient(httpClient, provider.GetRequiredService<IOptions<HeraldClientOptions>>().Value));
    }
}
