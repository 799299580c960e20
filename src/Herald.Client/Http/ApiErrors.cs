using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Herald.Client.Http;

/// <summary>Builds the <see cref="HeraldApiException"/> of an error answer: its status, its text and, on 429, the rate limits.</summary>
internal static class ApiErrors
{
    private const int MaxErrorText = 4096;

    public static async Task<HeraldApiException> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var error = ErrorText(text, response);
        var retryAfter = RetryAfter(response);
        var rateLimit = response.StatusCode == HttpStatusCode.TooManyRequests ? RateLimit(response, retryAfter) : null;
        return new HeraldApiException(response.StatusCode, error, rateLimit, retryAfter);
    }

    /// <summary>The <c>error</c> string of a <c>{"error": ...}</c> body, else the body as it came, else the reason phrase.</summary>
    internal static string ErrorText(string body, HttpResponseMessage response)
    {
        if (!string.IsNullOrWhiteSpace(body))
        {
            try
            {
                using var document = JsonDocument.Parse(body);
                if (document.RootElement.ValueKind == JsonValueKind.Object
                    && document.RootElement.TryGetProperty("error", out var error)
                    && error.ValueKind == JsonValueKind.String)
                {
                    return error.GetString()!;
                }
            }
            catch (JsonException)
            {
                // Not JSON: the raw text is the explanation.
            }

            return body.Length > MaxErrorText ? body[..MaxErrorText] : body;
        }

        return response.ReasonPhrase is { Length: > 0 } reason ? reason : "HTTP " + (int)response.StatusCode;
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter is not { } retryAfter)
        {
            return null;
        }

        if (retryAfter.Delta is { } delta)
        {
            return delta;
        }

        if (retryAfter.Date is { } date)
        {
            // Relative to the answer's own Date header, so the caller's clock does not matter.
            var reference = response.Headers.Date ?? date;
            var wait = date - reference;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    private static HeraldRateLimit RateLimit(HttpResponseMessage response, TimeSpan? retryAfter) => new()
    {
        RetryAfter = retryAfter,
        Limit = Number(response.Headers, "RateLimit-Limit"),
        Remaining = Number(response.Headers, "RateLimit-Remaining"),
        Reset = Number(response.Headers, "RateLimit-Reset"),
        BurstLimit = Number(response.Headers, "Burst-RateLimit-Limit"),
        BurstRemaining = Number(response.Headers, "Burst-RateLimit-Remaining"),
        BurstReset = Number(response.Headers, "Burst-RateLimit-Reset"),
    };

    private static long? Number(HttpResponseHeaders headers, string name)
    {
        if (!headers.TryGetValues(name, out var values))
        {
            return null;
        }

        foreach (var value in values)
        {
            if (long.TryParse(value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
            {
                return number;
            }

            // Some servers send fractional seconds.
            if (double.TryParse(value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && double.IsFinite(real))
            {
                return (long)Math.Floor(real);
            }
        }

        return null;
    }
}
