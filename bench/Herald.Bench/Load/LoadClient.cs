using System.Net;
using System.Net.Http.Headers;

namespace Herald.Bench.Load;

/// <summary>
/// The load generator's HTTP client: one <see cref="SocketsHttpHandler"/> with at most <c>connections</c> keep-alive
/// connections to one server, no proxy, no cookies, no redirects. Failures are counted and the first few kept.
/// </summary>
internal sealed class LoadClient : IDisposable
{
    private const int KeptErrors = 5;
    private readonly HttpClient _http;
    private readonly List<string> _errors = [];
    private int _errorCount;

    public LoadClient(Uri baseAddress, int connections, string? bearerToken)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        _http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (bearerToken is not null)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        }
    }

    public Uri BaseAddress => _http.BaseAddress!;

    /// <summary>Requests that failed (no answer, or a non-2xx answer).</summary>
    public int ErrorCount => Volatile.Read(ref _errorCount);

    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_errors)
            {
                return [.. _errors];
            }
        }
    }

    /// <summary>A POST of <paramref name="body"/> as <c>application/json</c>.</summary>
    public static HttpRequestMessage Post(Uri uri, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        return new HttpRequestMessage(HttpMethod.Post, uri) { Content = content };
    }

    public async Task<SendResult> SendAsync(HttpRequestMessage request, ResponseField field, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            var status = (int)response.StatusCode;
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            if (status is < 200 or >= 300)
            {
                RecordError($"{request.Method} {request.RequestUri}: HTTP {status} {System.Text.Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(body.Length, 200)))}");
                return new SendResult(status, null, null);
            }

            return field switch
            {
                ResponseField.MessageId => Parsed(new SendResult(status, JsonFields.String(body, "messageId"u8), null), request, body),
                ResponseField.NotBefore => Parsed(new SendResult(status, null, JsonFields.Int64(body, "notBefore"u8)), request, body),
                _ => new SendResult(status, null, null),
            };
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException && !cancellationToken.IsCancellationRequested)
        {
            RecordError($"{request.Method} {request.RequestUri}: {ex.GetType().Name}: {ex.Message}");
            return new SendResult(0, null, null);
        }
    }

    public void Dispose() => _http.Dispose();

    private SendResult Parsed(SendResult result, HttpRequestMessage request, byte[] body)
    {
        if (result.MessageId is null && result.NotBefore is null)
        {
            RecordError($"{request.Method} {request.RequestUri}: unexpected answer {System.Text.Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(body.Length, 200)))}");
            return result with { Status = 0 };
        }

        return result;
    }

    private void RecordError(string error)
    {
        Interlocked.Increment(ref _errorCount);
        lock (_errors)
        {
            if (_errors.Count < KeptErrors)
            {
                _errors.Add(error);
            }
        }
    }
}
