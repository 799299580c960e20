using System.Net;

namespace Herald.Client;

/// <summary>
/// The server answered with a status outside 2xx. <see cref="Error"/> is the server's explanation: the
/// <c>error</c> field of a <c>{"error": "..."}</c> body, or the raw body text otherwise.
/// </summary>
public sealed class HeraldApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    public HeraldApiException()
        : this("The Herald API answered with an error.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public HeraldApiException(string message)
        : base(message)
    {
        Error = message;
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public HeraldApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Error = message;
    }

    /// <summary>Creates the exception for an error answer.</summary>
    /// <param name="statusCode">The HTTP status of the answer.</param>
    /// <param name="error">The server's explanation.</param>
    /// <param name="rateLimit">The rate-limit values of a 429 answer.</param>
    /// <param name="retryAfter">The answer's <c>Retry-After</c>, when it had one.</param>
    public HeraldApiException(HttpStatusCode statusCode, string error, HeraldRateLimit? rateLimit = null, TimeSpan? retryAfter = null)
        : base($"Herald API error {(int)statusCode} ({statusCode}): {error}")
    {
        StatusCode = statusCode;
        Error = error;
        RateLimit = rateLimit;
        RetryAfter = retryAfter ?? rateLimit?.RetryAfter;
    }

    /// <summary>The HTTP status of the answer (<c>0</c> when the exception was not built from an answer).</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The server's explanation: the <c>error</c> field of the JSON body, or the raw body text.</summary>
    public string Error { get; }

    /// <summary>On <c>429</c>: the rate-limit values the server sent; otherwise <see langword="null"/>.</summary>
    public HeraldRateLimit? RateLimit { get; }

    /// <summary>The answer's <c>Retry-After</c> (on 429 and 503), when it had one.</summary>
    public TimeSpan? RetryAfter { get; }
}
