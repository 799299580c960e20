using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Herald.Client.Http;

/// <summary>
/// Sends API requests: absolute URIs built from the base address and a raw path (a destination URL goes into the path
/// as is, like the official SDKs do), the bearer token on each request, JSON through the source-generated context,
/// and every non-2xx answer turned into a <see cref="HeraldApiException"/>.
/// </summary>
internal sealed class HeraldHttp
{
    private readonly HttpClient _httpClient;
    private readonly string _baseAddress;
    private readonly AuthenticationHeaderValue? _authorization;

    public HeraldHttp(HttpClient httpClient, Uri baseAddress, string? token)
    {
        _httpClient = httpClient;
        _baseAddress = baseAddress.AbsoluteUri.TrimEnd('/');
        _authorization = string.IsNullOrEmpty(token) ? null : new AuthenticationHeaderValue("Bearer", token);
    }

    /// <summary>A request to <paramref name="pathAndQuery"/> (starting with <c>/</c>), authenticated.</summary>
    public HttpRequestMessage Create(HttpMethod method, string pathAndQuery)
    {
        var request = new HttpRequestMessage(method, new Uri(_baseAddress + pathAndQuery, UriKind.Absolute));
        if (_authorization is not null)
        {
            request.Headers.Authorization = _authorization;
        }

        return request;
    }

    /// <summary>A request whose body is <paramref name="value"/> as JSON.</summary>
    public HttpRequestMessage CreateJson<T>(HttpMethod method, string pathAndQuery, T value, JsonTypeInfo<T> typeInfo)
    {
        var request = Create(method, pathAndQuery);
        request.Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo));
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return request;
    }

    /// <summary>Sends the request and reads the JSON answer; throws <see cref="HeraldApiException"/> on non-2xx.</summary>
    public async Task<T> SendAsync<T>(HttpRequestMessage request, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        using (request)
        {
            using var response = await SendCheckedAsync(request, cancellationToken).ConfigureAwait(false);
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return JsonSerializer.Deserialize(bytes, typeInfo)
                    ?? throw new HeraldApiException(
                        $"Herald API answer to {request.Method} {request.RequestUri?.AbsolutePath} was null where a JSON value was expected");
            }
            catch (JsonException ex)
            {
                throw new HeraldApiException(
                    $"Herald API answer to {request.Method} {request.RequestUri?.AbsolutePath} was not the expected JSON: {ex.Message}", ex);
            }
        }
    }

    /// <summary>Sends the request and reads the answer as a JSON document (for answers whose shape varies).</summary>
    public async Task<JsonDocument> SendForDocumentAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            using var response = await SendCheckedAsync(request, cancellationToken).ConfigureAwait(false);
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return JsonDocument.Parse(bytes);
            }
            catch (JsonException ex)
            {
                throw new HeraldApiException(
                    $"Herald API answer to {request.Method} {request.RequestUri?.AbsolutePath} was not JSON: {ex.Message}", ex);
            }
        }
    }

    /// <summary>Sends the request and ignores the answer's body; throws <see cref="HeraldApiException"/> on non-2xx.</summary>
    public async Task SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            using var response = await SendCheckedAsync(request, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<HttpResponseMessage> SendCheckedAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await ApiErrors.ReadAsync(response, cancellationToken).ConfigureAwait(false);
        }
    }
}
