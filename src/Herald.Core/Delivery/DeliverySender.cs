using System.Buffers;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Authentication;
using Herald.Contracts.Headers;
using Herald.Contracts.Signing;
using Herald.Core.Configuration;
using Herald.Core.Egress;
using Herald.Core.Ids;
using Herald.Core.Messages;
using Herald.Core.Retry;
using Microsoft.Extensions.Options;

namespace Herald.Core.Delivery;

/// <summary>Makes one signed HTTP attempt for a message and classifies what came back.</summary>
public sealed class DeliverySender(
    DeliveryHttpClient http,
    IOptions<DeliveryOptions> options,
    TimeProvider timeProvider)
{
    private static readonly MediaTypeHeaderValue DefaultContentType = new("application/octet-stream");

    /// <param name="message">The message; <see cref="Message.Retried"/> is sent as <c>Upstash-Retried</c>.</param>
    /// <param name="signingKey">The tenant's current signing key.</param>
    /// <param name="standardWebhooksSecrets">Secrets to add Standard Webhooks signatures with, or null.</param>
    /// <param name="abort">Cancels the attempt (shutdown or message cancel); the caller knows which.</param>
    public async Task<AttemptResult> SendAsync(Message message, string signingKey, IReadOnlyList<string>? standardWebhooksSecrets, CancellationToken abort)
    {
        var spec = message.Spec;
        var started = timeProvider.GetTimestamp();
        using var deadline = new CancellationTokenSource(spec.Timeout, timeProvider);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(abort, deadline.Token);
        try
        {
            using var request = BuildRequest(message, signingKey, standardWebhooksSecrets);
            using var response = await http.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            var body = await ReadCappedAsync(response, timeout.Token).ConfigureAwait(false);
            return Classify(response, body, timeProvider.GetElapsedTime(started));
        }
        catch (OperationCanceledException) when (!abort.IsCancellationRequested)
        {
            return Failure(FailureCategory.Timeout, $"no response within the timeout of {spec.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s", started);
        }
        catch (OperationCanceledException)
        {
            return Failure(FailureCategory.ConnectionError, "attempt aborted", started);
        }
        catch (HttpRequestException ex)
        {
            var (category, error) = ClassifyException(ex);
            return Failure(category, error, started);
        }
        catch (IOException ex)
        {
            return Failure(FailureCategory.ConnectionReset, "connection closed while reading the response: " + ex.Message, started);
        }
    }

    private HttpRequestMessage BuildRequest(Message message, string signingKey, IReadOnlyList<string>? standardWebhooksSecrets)
    {
        var spec = message.Spec;
        var request = new HttpRequestMessage(new HttpMethod(spec.Method), spec.Url)
        {
            Version = System.Net.HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };

        // A bodiless GET/HEAD/OPTIONS goes without Content-Length; any other request carries its body, even if empty.
        if (spec.Body.Length > 0 || spec.Method is not ("GET" or "HEAD" or "OPTIONS"))
        {
            request.Content = new ByteArrayContent(spec.Body);
        }

        // Header names and values were validated at publish (tokens, no control characters); see PublishHeaderSet.
        foreach (var (name, values) in spec.Headers)
        {
            if (name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase))
            {
                if (request.Content is null)
                {
                    continue;
                }

                if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
                {
                    request.Content.Headers.ContentType = MediaTypeHeaderValue.TryParse(values[0], out var contentType) ? contentType : DefaultContentType;
                }
                else
                {
                    request.Content.Headers.TryAddWithoutValidation(name, values);
                }
            }
            else
            {
                request.Headers.TryAddWithoutValidation(name, values);
            }
        }

        var now = timeProvider.GetUtcNow();
        var signature = QStashSignature.Sign(signingKey, spec.Url, spec.Body, now, IdGenerator.NewJwtId());
        if (standardWebhooksSecrets is { Count: > 0 })
        {
            // Same id on every attempt, fresh timestamp and signatures per attempt; they replace forwarded look-alikes.
            request.Headers.Remove(StandardWebhooksSignature.IdHeader);
            request.Headers.Remove(StandardWebhooksSignature.TimestampHeader);
            request.Headers.Remove(StandardWebhooksSignature.SignatureHeader);
            request.Headers.TryAddWithoutValidation(StandardWebhooksSignature.IdHeader, message.Id);
            request.Headers.TryAddWithoutValidation(StandardWebhooksSignature.TimestampHeader, now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
            request.Headers.TryAddWithoutValidation(StandardWebhooksSignature.SignatureHeader, StandardWebhooksSignature.SignAll(standardWebhooksSecrets, message.Id, now, spec.Body));
        }

        request.Headers.Remove(UpstashHeaders.Signature);
        request.Headers.TryAddWithoutValidation(UpstashHeaders.Signature, signature);
        request.Headers.TryAddWithoutValidation(UpstashHeaders.MessageId, message.Id);
        request.Headers.TryAddWithoutValidation(UpstashHeaders.Retried, message.Retried.ToString(CultureInfo.InvariantCulture));
        if (!request.Headers.Contains("User-Agent"))
        {
            request.Headers.TryAddWithoutValidation("User-Agent", UpstashHeaders.UserAgentValue);
        }

        if (spec.CallerIp is not null)
        {
            request.Headers.TryAddWithoutValidation(UpstashHeaders.CallerIp, spec.CallerIp);
        }

        if (spec.TopicName is not null)
        {
            request.Headers.TryAddWithoutValidation(UpstashHeaders.TopicName, spec.TopicName);
        }

        if (spec.ScheduleId is not null)
        {
            request.Headers.TryAddWithoutValidation(UpstashHeaders.ScheduleId, spec.ScheduleId);
        }

        if (spec.TraceParent is not null && !request.Headers.Contains("traceparent"))
        {
            request.Headers.TryAddWithoutValidation("traceparent", spec.TraceParent);
        }

        return request;
    }

    private async Task<byte[]> ReadCappedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var cap = (int)Math.Min(options.Value.MaxResponseBodySize.Bytes, int.MaxValue - 1);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(cap, 16 * 1024) + 1);
            try
            {
                using var kept = new MemoryStream();
                while (kept.Length < cap)
                {
                    var read = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, cap - kept.Length)), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }

                    kept.Write(buffer, 0, read);
                }

                // Anything past the cap is not read: disposing the response closes the connection instead.
                return kept.ToArray();
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    private AttemptResult Classify(HttpResponseMessage response, byte[] body, TimeSpan latency)
    {
        var status = (int)response.StatusCode;
        var headers = ResponseHeaders(response);
        if (status is >= 200 and < 300)
        {
            return new AttemptResult { Success = true, Status = status, ResponseHeaders = headers, ResponseBody = body, Latency = latency };
        }

        var nonRetryable = status == 489
            && response.Headers.TryGetValues(UpstashHeaders.NonRetryableError, out var flags)
            && flags.Any(f => f.Trim().Equals("true", StringComparison.OrdinalIgnoreCase));

        return new AttemptResult
        {
            Success = false,
            Status = status,
            ResponseHeaders = headers,
            ResponseBody = body,
            Category = FailureCategory.HttpStatus,
            Error = $"destination answered {status} {response.ReasonPhrase}".TrimEnd(),
            Latency = latency,
            NonRetryable = nonRetryable,
            RetryAfter = RetryAfter(response),
        };
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var now = timeProvider.GetUtcNow();
        foreach (var name in RetryAfterHeader.HeaderNames)
        {
            if (response.Headers.TryGetValues(name, out var values)
                && RetryAfterHeader.TryParse(values.FirstOrDefault(), now, out var delay))
            {
                return delay;
            }
        }

        return null;
    }

    private static Dictionary<string, string[]> ResponseHeaders(HttpResponseMessage response)
    {
        var result = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in response.Headers.NonValidated)
        {
            result[HeaderName.Canonicalize(name)] = [.. values];
        }

        foreach (var (name, values) in response.Content.Headers.NonValidated)
        {
            result[HeaderName.Canonicalize(name)] = [.. values];
        }

        return result;
    }

    private AttemptResult Failure(FailureCategory category, string error, long started) => new()
    {
        Success = false,
        Category = category,
        Error = error,
        Latency = timeProvider.GetElapsedTime(started),
    };

    internal static (FailureCategory Category, string Error) ClassifyException(HttpRequestException ex)
    {
        for (Exception? inner = ex; inner is not null; inner = inner.InnerException)
        {
            switch (inner)
            {
                case EgressBlockedException blocked:
                    return (FailureCategory.BlockedAddress, blocked.Message);
                case AuthenticationException tls:
                    return (FailureCategory.Tls, "TLS handshake failed: " + tls.Message);
                case SocketException { SocketErrorCode: SocketError.ConnectionRefused }:
                    return (FailureCategory.ConnectionRefused, "connection refused");
                case SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain } dns:
                    return (FailureCategory.Dns, "host name did not resolve: " + dns.Message);
                case SocketException { SocketErrorCode: SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown }:
                    return (FailureCategory.ConnectionReset, "connection reset");
                case SocketException { SocketErrorCode: SocketError.TimedOut } timedOut:
                    return (FailureCategory.Timeout, "connect timed out: " + timedOut.Message);
            }
        }

        return ex.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => (FailureCategory.Dns, "host name did not resolve: " + ex.Message),
            HttpRequestError.SecureConnectionError => (FailureCategory.Tls, "TLS handshake failed: " + ex.Message),
            HttpRequestError.ResponseEnded => (FailureCategory.ConnectionReset, "connection closed before a complete response"),
            HttpRequestError.InvalidResponse => (FailureCategory.ConnectionError, "invalid HTTP response: " + ex.Message),
            _ => (FailureCategory.ConnectionError, ex.Message),
        };
    }
}
