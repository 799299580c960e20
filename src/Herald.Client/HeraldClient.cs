using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Herald.Client.Dlq;
using Herald.Client.FlowControls;
using Herald.Client.Http;
using Herald.Client.Logs;
using Herald.Client.Messages;
using Herald.Client.Publishing;
using Herald.Client.Queues;
using Herald.Client.Schedules;
using Herald.Client.SigningKeys;
using Herald.Client.UrlGroups;

namespace Herald.Client;

/// <summary>
/// A client of the QStash v2 API, as served by Herald and by Upstash QStash: publish, enqueue and batch here, the
/// rest through <see cref="Messages"/>, <see cref="Dlq"/>, <see cref="Queues"/>, <see cref="Schedules"/>,
/// <see cref="UrlGroups"/>, <see cref="Logs"/>, <see cref="FlowControl"/> and <see cref="SigningKeys"/>.
/// Thread-safe; keep one per application (or register it with <c>services.AddHeraldClient(...)</c>).
/// Every failed call throws <see cref="HeraldApiException"/>.
/// </summary>
public sealed class HeraldClient : IDisposable
{
    private readonly HttpClient _httpClient;
    private readonly bool _ownsHttpClient;
    private readonly HeraldHttp _http;

    /// <summary>Creates a client with its own <see cref="HttpClient"/>, disposed with the client.</summary>
    /// <param name="options">The base address (required) and the token.</param>
    public HeraldClient(HeraldClientOptions options)
        : this(new HttpClient(), options, ownsHttpClient: true)
    {
    }

    /// <summary>
    /// Creates a client on <paramref name="httpClient"/>, which the caller owns (for instance one from
    /// <c>IHttpClientFactory</c>). <see cref="HeraldClientOptions.BaseAddress"/>, when set, wins over the client's own.
    /// </summary>
    /// <param name="httpClient">The HTTP client to send with.</param>
    /// <param name="options">The base address and the token.</param>
    public HeraldClient(HttpClient httpClient, HeraldClientOptions options)
        : this(httpClient, options, ownsHttpClient: false)
    {
    }

    private HeraldClient(HttpClient httpClient, HeraldClientOptions options, bool ownsHttpClient)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        var baseAddress = options.BaseAddress ?? httpClient.BaseAddress;
        if (baseAddress is null || !baseAddress.IsAbsoluteUri || (baseAddress.Scheme != Uri.UriSchemeHttp && baseAddress.Scheme != Uri.UriSchemeHttps))
        {
            if (ownsHttpClient)
            {
                httpClient.Dispose();
            }

            throw new ArgumentException("HeraldClientOptions.BaseAddress (or HttpClient.BaseAddress) must be an absolute http(s) URI", nameof(options));
        }

        _httpClient = httpClient;
        _ownsHttpClient = ownsHttpClient;
        _http = new HeraldHttp(httpClient, baseAddress, options.Token);
        Messages = new MessagesClient(_http);
        Dlq = new DlqClient(_http);
        Queues = new QueuesClient(_http);
        Schedules = new SchedulesClient(_http);
        UrlGroups = new UrlGroupsClient(_http);
        Logs = new LogsClient(_http);
        FlowControl = new FlowControlClient(_http);
        SigningKeys = new SigningKeysClient(_http);
    }

    /// <summary>Stored messages: read and cancel.</summary>
    public MessagesClient Messages { get; }

    /// <summary>The dead letter queue: list, read, delete and retry.</summary>
    public DlqClient Dlq { get; }

    /// <summary>Queues (ordered delivery): create, read, pause, resume, delete, enqueue.</summary>
    public QueuesClient Queues { get; }

    /// <summary>Cron schedules: create, read, pause, resume, delete.</summary>
    public SchedulesClient Schedules { get; }

    /// <summary>URL groups (fan-out, <c>/v2/topics</c>): endpoints, read, delete.</summary>
    public UrlGroupsClient UrlGroups { get; }

    /// <summary>The event log.</summary>
    public LogsClient Logs { get; }

    /// <summary>Flow-control keys: read, pause, resume, pin, unpin, reset the rate; global parallelism.</summary>
    public FlowControlClient FlowControl { get; }

    /// <summary>The signing keys deliveries are signed with, and their rotation.</summary>
    public SigningKeysClient SigningKeys { get; }

    /// <summary>
    /// Publishes <paramref name="request"/> to its URL or URL group, or enqueues it when
    /// <see cref="PublishRequest.Queue"/> is set. Answers once the server has stored the message(s).
    /// </summary>
    /// <param name="request">The message.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored message, or one per endpoint of a URL group.</returns>
    public Task<PublishResult> PublishAsync(PublishRequest request, CancellationToken cancellationToken = default) =>
        PublishMessages.PublishAsync(_http, request, cancellationToken);

    /// <summary>
    /// Publishes <paramref name="value"/> as a JSON body with source-generated metadata (trimming- and AOT-safe). The
    /// request's <see cref="PublishRequest.Body"/> is replaced; its content type defaults to <c>application/json</c>.
    /// </summary>
    /// <typeparam name="T">The body's type.</typeparam>
    /// <param name="request">The destination and options.</param>
    /// <param name="value">The body.</param>
    /// <param name="jsonTypeInfo">Metadata for <typeparamref name="T"/>, e.g. <c>MyJsonContext.Default.Order</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored message, or one per endpoint of a URL group.</returns>
    public Task<PublishResult> PublishJsonAsync<T>(PublishRequest request, T value, JsonTypeInfo<T> jsonTypeInfo, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(jsonTypeInfo);
        return PublishAsync(WithJson(request, JsonSerializer.SerializeToUtf8Bytes(value, jsonTypeInfo)), cancellationToken);
    }

    /// <summary>
    /// Publishes <paramref name="value"/> as a JSON body serialized with <paramref name="options"/> (default:
    /// <see cref="JsonSerializerOptions.Web"/>, camelCase). The request's <see cref="PublishRequest.Body"/> is replaced;
    /// its content type defaults to <c>application/json</c>. For trimmed or AOT applications use the
    /// <see cref="JsonTypeInfo{T}"/> overload.
    /// </summary>
    /// <typeparam name="T">The body's type.</typeparam>
    /// <param name="request">The destination and options.</param>
    /// <param name="value">The body.</param>
    /// <param name="options">Serializer options; <see langword="null"/> for <see cref="JsonSerializerOptions.Web"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored message, or one per endpoint of a URL group.</returns>
    [RequiresUnreferencedCode("JSON serialization of an arbitrary type may need types that trimming removes; use the JsonTypeInfo<T> overload.")]
    [RequiresDynamicCode("JSON serialization of an arbitrary type may need runtime code generation; use the JsonTypeInfo<T> overload.")]
    public Task<PublishResult> PublishJsonAsync<T>(PublishRequest request, T value, JsonSerializerOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return PublishAsync(WithJson(request, JsonSerializer.SerializeToUtf8Bytes(value, options ?? JsonSerializerOptions.Web)), cancellationToken);
    }

    /// <summary>
    /// Publishes (or enqueues) many messages in one request and one durable write. Each item is checked on its own: a
    /// refused item is reported in its position and the others are stored. Bodies must be UTF-8 text.
    /// </summary>
    /// <param name="requests">The messages.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One result per request, in order.</returns>
    public Task<IReadOnlyList<BatchItemResult>> BatchAsync(IEnumerable<PublishRequest> requests, CancellationToken cancellationToken = default) =>
        PublishMessages.BatchAsync(_http, requests, cancellationToken);

    /// <summary>Disposes the <see cref="HttpClient"/> when the client created it.</summary>
    public void Dispose()
    {
        if (_ownsHttpClient)
        {
            _httpClient.Dispose();
        }
    }

    private static PublishRequest WithJson(PublishRequest request, byte[] json) =>
        request with { Body = json, ContentType = request.ContentType ?? "application/json" };
}
