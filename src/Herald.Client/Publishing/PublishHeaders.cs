using System.Globalization;
using Herald.Contracts.Headers;

namespace Herald.Client.Publishing;

/// <summary>
/// Turns typed publish and schedule settings into QStash headers, checking what can be checked before a request is
/// sent (names and values a header can carry, non-negative numbers, flow-control limits).
/// </summary>
internal static class PublishHeaders
{
    private const string CallbackPrefix = "Upstash-Callback-";
    private const string FailureCallbackPrefix = "Upstash-Failure-Callback-";

    /// <summary>The configuration headers of <paramref name="settings"/>, without <c>Content-Type</c>.</summary>
    public static List<KeyValuePair<string, string>> Build(IMessageSettings settings)
    {
        var headers = BuildOverrides(settings.Retries, settings.RetryDelay, settings.Timeout, settings.Delay, notBefore: null, settings.Method);
        if (settings.Callback is { } callback)
        {
            Add(headers, UpstashHeaders.Callback, callback);
        }

        AddCallbackOptions(headers, CallbackPrefix, settings.CallbackOptions);
        if (settings.FailureCallback is { } failureCallback)
        {
            Add(headers, UpstashHeaders.FailureCallback, failureCallback);
        }

        AddCallbackOptions(headers, FailureCallbackPrefix, settings.FailureCallbackOptions);
        AddForwarded(headers, UpstashHeaders.ForwardPrefix, settings.Headers);
        if (settings.FlowControl is { } flowControl)
        {
            Add(headers, UpstashHeaders.FlowControlKey, flowControl.Key);
            Add(headers, UpstashHeaders.FlowControlValue, FlowControlValue(flowControl));
        }

        if (settings.Labels is { Count: > 0 } labels)
        {
            foreach (var label in labels)
            {
                if (string.IsNullOrWhiteSpace(label) || label.Contains(',', StringComparison.Ordinal))
                {
                    throw new ArgumentException($"invalid label '{label}': labels are not empty and have no comma");
                }
            }

            Add(headers, UpstashHeaders.Label, string.Join(',', labels));
        }

        if (settings.Redact is { } redact && RedactValue(redact) is { } redactValue)
        {
            Add(headers, UpstashHeaders.RedactFields, redactValue);
        }

        return headers;
    }

    /// <summary>The headers of a publish: the shared settings plus not-before and deduplication.</summary>
    public static List<KeyValuePair<string, string>> Build(PublishRequest request)
    {
        var headers = Build((IMessageSettings)request);
        if (request.NotBefore is { } notBefore)
        {
            Add(headers, UpstashHeaders.NotBefore, notBefore.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        }

        if (request.DeduplicationId is { } deduplicationId)
        {
            Add(headers, UpstashHeaders.DeduplicationId, deduplicationId);
        }

        if (request.ContentBasedDeduplication)
        {
            Add(headers, UpstashHeaders.ContentBasedDeduplication, "true");
        }

        return headers;
    }

    /// <summary>Method, delay, not-before, retries, retry delay and timeout: what a DLQ retry may override, and the start of every publish's headers.</summary>
    public static List<KeyValuePair<string, string>> BuildOverrides(
        int? retries, string? retryDelay, TimeSpan? timeout, TimeSpan? delay, DateTimeOffset? notBefore, HttpMethod? method)
    {
        var headers = new List<KeyValuePair<string, string>>();
        if (method is not null)
        {
            Add(headers, UpstashHeaders.Method, method.Method.ToUpperInvariant());
        }

        if (delay is { } d)
        {
            Add(headers, UpstashHeaders.Delay, DurationText.Format(d, nameof(delay)));
        }

        if (notBefore is { } n)
        {
            Add(headers, UpstashHeaders.NotBefore, n.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        }

        if (retries is { } r)
        {
            Add(headers, UpstashHeaders.Retries, NonNegative(r, nameof(retries)));
        }

        if (retryDelay is not null)
        {
            Add(headers, UpstashHeaders.RetryDelay, retryDelay);
        }

        if (timeout is { } t)
        {
            Add(headers, UpstashHeaders.Timeout, Positive(t, nameof(timeout)));
        }

        return headers;
    }

    /// <summary>Adds configuration headers (never <c>Content-Type</c>, which belongs to the content) to a request.</summary>
    public static void Apply(HttpRequestMessage request, IEnumerable<KeyValuePair<string, string>> headers)
    {
        foreach (var (name, value) in headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                throw new ArgumentException($"header '{name}' cannot be sent on a request");
            }
        }
    }

    private static void AddCallbackOptions(List<KeyValuePair<string, string>> headers, string prefix, CallbackOptions? options)
    {
        if (options is null)
        {
            return;
        }

        if (options.Method is { } method)
        {
            Add(headers, prefix + "Method", method.Method.ToUpperInvariant());
        }

        if (options.Retries is { } retries)
        {
            Add(headers, prefix + "Retries", NonNegative(retries, nameof(options.Retries)));
        }

        if (options.Timeout is { } timeout)
        {
            Add(headers, prefix + "Timeout", Positive(timeout, nameof(options.Timeout)));
        }

        if (options.Delay is { } delay)
        {
            Add(headers, prefix + "Delay", DurationText.Format(delay, nameof(options.Delay)));
        }

        if (options.RetryDelay is { } retryDelay)
        {
            Add(headers, prefix + "Retry-Delay", retryDelay);
        }

        AddForwarded(headers, prefix + "Forward-", options.Headers);
    }

    private static void AddForwarded(List<KeyValuePair<string, string>> headers, string prefix, IReadOnlyDictionary<string, string>? forwarded)
    {
        foreach (var (name, value) in forwarded ?? new Dictionary<string, string>())
        {
            if (!HeaderName.IsValid(name))
            {
                throw new ArgumentException($"invalid header name '{name}'");
            }

            Add(headers, prefix + name, value ?? "");
        }
    }

    private static string FlowControlValue(FlowControlOptions flowControl)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(flowControl.Key, nameof(FlowControlOptions.Key));
        if (flowControl.Parallelism is null && flowControl.Rate is null)
        {
            throw new ArgumentException("flow control needs a parallelism, a rate or both");
        }

        var parts = new List<string>(3);
        if (flowControl.Parallelism is { } parallelism)
        {
            parts.Add("parallelism=" + PositiveInt(parallelism, nameof(flowControl.Parallelism)));
        }

        if (flowControl.Rate is { } rate)
        {
            parts.Add("rate=" + PositiveInt(rate, nameof(flowControl.Rate)));
        }

        if (flowControl.Period is { } period)
        {
            parts.Add("period=" + Positive(period, nameof(flowControl.Period)));
        }

        return string.Join(", ", parts);
    }

    private static string? RedactValue(RedactOptions redact)
    {
        var parts = new List<string>();
        if (redact.Body)
        {
            parts.Add("body");
        }

        if (redact.AllHeaders)
        {
            parts.Add("header");
        }

        foreach (var name in redact.Headers ?? [])
        {
            if (!HeaderName.IsValid(name))
            {
                throw new ArgumentException($"invalid header name '{name}'");
            }

            parts.Add("header[" + name + "]");
        }

        return parts.Count == 0 ? null : string.Join(',', parts);
    }

    private static void Add(List<KeyValuePair<string, string>> headers, string name, string value)
    {
        if (!HeaderName.IsValidValue(value))
        {
            throw new ArgumentException($"the value of {name} has a control character", name);
        }

        headers.Add(new KeyValuePair<string, string>(name, value));
    }

    private static string NonNegative(int value, string name) =>
        value >= 0 ? value.ToString(CultureInfo.InvariantCulture) : throw new ArgumentOutOfRangeException(name, value, $"{name} must not be negative");

    private static string PositiveInt(int value, string name) =>
        value > 0 ? value.ToString(CultureInfo.InvariantCulture) : throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive");

    private static string Positive(TimeSpan value, string name) =>
        value > TimeSpan.Zero ? DurationText.Format(value, name) : throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive");
}
