using System.Globalization;
using Herald.Contracts.Headers;
using Herald.Core.Configuration;
using Herald.Core.Messages;
using Herald.Core.Retry;
using Herald.Core.Time;
using Microsoft.Extensions.Options;

namespace Herald.Core.Publishing;

/// <summary>
/// Turns a publish request's headers into a validated <see cref="PublishDraft"/>, or throws
/// <see cref="PublishRejectedException"/> naming the first problem. Nothing is stored before this succeeds.
/// </summary>
public sealed class PublishRequestParser(
    IOptions<MessageOptions> options,
    DestinationValidator destinations,
    TimeProvider timeProvider)
{
    private static readonly HashSet<string> Methods = new(StringComparer.OrdinalIgnoreCase)
    {
        "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS",
    };

    public PublishDraft Parse(PublishInput input)
    {
        var limits = options.Value;
        var isUrl = DestinationValidator.LooksLikeUrl(input.Destination);
        var url = isUrl ? destinations.Validate(input.Destination, "destination") : "";
        var urlGroup = isUrl ? null : ValidateGroupName(input.Destination);
        var headers = PublishHeaderSet.Collect(input.Headers);
        var now = timeProvider.GetUtcNow();

        var method = headers.Single(UpstashHeaders.Method)?.Trim().ToUpperInvariant() ?? "POST";
        if (!Methods.Contains(method))
        {
            throw new PublishRejectedException($"invalid {UpstashHeaders.Method} '{method}': expected GET, POST, PUT, PATCH, DELETE, HEAD or OPTIONS");
        }

        var notBefore = ParseNotBefore(headers, now, limits);
        var retries = ParseRetries(headers, limits);
        var retryDelay = ParseRetryDelay(headers);
        var timeout = ParseTimeout(headers.Single(UpstashHeaders.Timeout), UpstashHeaders.Timeout, limits) ?? limits.DefaultTimeout;
        var callback = ParseCallbackUrl(headers.Single(UpstashHeaders.Callback), UpstashHeaders.Callback);
        var failureCallback = ParseCallbackUrl(headers.Single(UpstashHeaders.FailureCallback), UpstashHeaders.FailureCallback);
        var flowControl = FlowControlValue.Parse(headers.Single(UpstashHeaders.FlowControlKey), headers.Single(UpstashHeaders.FlowControlValue));
        var labels = ParseLabels(headers.All(UpstashHeaders.Label));
        var redact = RedactFieldsParser.Parse(headers.All(UpstashHeaders.RedactFields));

        var spec = new MessageSpec
        {
            Url = url,
            Method = method,
            Headers = headers.Forwarded,
            Body = input.Body,
            MaxRetries = retries,
            RetryDelayExpression = retryDelay,
            Timeout = timeout,
            NotBefore = notBefore,
            CallerIp = input.CallerIp,
            Labels = labels,
            FlowControl = flowControl,
            Callback = callback,
            FailureCallback = failureCallback,
            CallbackHeaders = headers.CallbackConfig.Count > 0 ? headers.CallbackConfig : null,
            FailureCallbackHeaders = headers.FailureCallbackConfig.Count > 0 ? headers.FailureCallbackConfig : null,
            Redact = redact,
            TraceParent = input.TraceParent,
        };

        ValidateCallbackOptions(spec);
        return new PublishDraft(spec, DeduplicationKeys.From(headers, input.Destination, spec), urlGroup);
    }

    /// <summary>
    /// For a DLQ retry: the original spec, due now, with any configuration header on the retry request
    /// (<c>Upstash-Retries</c>, <c>-Retry-Delay</c>, <c>-Timeout</c>, <c>-Delay</c>, <c>-Not-Before</c>,
    /// <c>-Method</c>) taking precedence.
    /// </summary>
    public MessageSpec ApplyOverrides(MessageSpec original, IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        var limits = options.Value;
        var set = PublishHeaderSet.Collect(headers);
        var spec = original with { NotBefore = ParseNotBefore(set, timeProvider.GetUtcNow(), limits) };
        if (set.Single(UpstashHeaders.Retries) is not null)
        {
            spec = spec with { MaxRetries = ParseRetries(set, limits) };
        }

        if (set.Single(UpstashHeaders.RetryDelay) is not null)
        {
            spec = spec with { RetryDelayExpression = ParseRetryDelay(set) };
        }

        if (ParseTimeout(set.Single(UpstashHeaders.Timeout), UpstashHeaders.Timeout, limits) is { } timeout)
        {
            spec = spec with { Timeout = timeout };
        }

        if (set.Single(UpstashHeaders.Method) is { } method)
        {
            method = method.Trim().ToUpperInvariant();
            if (!Methods.Contains(method))
            {
                throw new PublishRejectedException($"invalid {UpstashHeaders.Method} '{method}'");
            }

            spec = spec with { Method = method };
        }

        return spec;
    }

    /// <summary>Callback options are checked now, as a nested publish, so a callback can never fail to be built later.</summary>
    private void ValidateCallbackOptions(MessageSpec spec)
    {
        Check(spec.Callback, spec.CallbackHeaders, "Upstash-Callback-");
        Check(spec.FailureCallback, spec.FailureCallbackHeaders, "Upstash-Failure-Callback-");

        void Check(string? url, IReadOnlyDictionary<string, string[]>? options, string prefix)
        {
            if (url is null || options is null)
            {
                return;
            }

            try
            {
                Parse(new PublishInput { Destination = url, Headers = CallbackRequests.Headers(options, spec.MaxRetries), Body = [] });
            }
            catch (PublishRejectedException ex)
            {
                throw new PublishRejectedException($"invalid {prefix}* option: {ex.Message}");
            }
        }
    }

    private static string ValidateGroupName(string destination) =>
        ResourceNames.IsValid(destination)
            ? destination
            : throw new PublishRejectedException($"invalid destination '{destination}': expected an http(s) URL or a URL group name");

    private static DateTimeOffset ParseNotBefore(PublishHeaderSet headers, DateTimeOffset now, MessageOptions limits)
    {
        var notBeforeText = headers.Single(UpstashHeaders.NotBefore);
        DateTimeOffset notBefore;
        if (notBeforeText is not null)
        {
            if (!long.TryParse(notBeforeText.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                || seconds > 253402300799)
            {
                throw new PublishRejectedException($"invalid {UpstashHeaders.NotBefore} '{notBeforeText}': expected Unix time in seconds");
            }

            notBefore = DateTimeOffset.FromUnixTimeSeconds(seconds);
        }
        else
        {
            var delayText = headers.Single(UpstashHeaders.Delay);
            if (delayText is null)
            {
                return now;
            }

            if (!Durations.TryParse(delayText, out var delay))
            {
                throw new PublishRejectedException($"invalid {UpstashHeaders.Delay} '{delayText}': expected a duration such as 10s, 250ms, 5m, 1h or 1d10h30m");
            }

            if (delay > limits.MaxDelay)
            {
                throw new PublishRejectedException($"{UpstashHeaders.Delay} {delayText} is longer than the maximum delay {Durations.Format(limits.MaxDelay)}");
            }

            notBefore = now + delay;
        }

        if (notBefore - now > limits.MaxDelay)
        {
            throw new PublishRejectedException($"{UpstashHeaders.NotBefore} is further away than the maximum delay {Durations.Format(limits.MaxDelay)}");
        }

        return notBefore < now ? now : notBefore;
    }

    private static int ParseRetries(PublishHeaderSet headers, MessageOptions limits)
    {
        var text = headers.Single(UpstashHeaders.Retries);
        if (text is null)
        {
            return Math.Min(limits.DefaultRetries, limits.MaxRetries);
        }

        if (!int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var retries)
            || retries > limits.MaxRetries)
        {
            throw new PublishRejectedException($"invalid {UpstashHeaders.Retries} '{text}': expected a whole number from 0 to {limits.MaxRetries}");
        }

        return retries;
    }

    private static string? ParseRetryDelay(PublishHeaderSet headers)
    {
        var text = headers.Single(UpstashHeaders.RetryDelay);
        if (text is null)
        {
            return null;
        }

        if (!RetryDelayExpression.TryParse(text, out _, out var error))
        {
            throw new PublishRejectedException($"invalid {UpstashHeaders.RetryDelay} '{text}': {error}");
        }

        return text;
    }

    /// <summary>Parses a timeout header (also used for callback timeouts); null when absent.</summary>
    public static TimeSpan? ParseTimeout(string? text, string headerName, MessageOptions limits)
    {
        if (text is null)
        {
            return null;
        }

        if (!Durations.TryParse(text, out var timeout) || timeout <= TimeSpan.Zero)
        {
            throw new PublishRejectedException($"invalid {headerName} '{text}': expected a positive duration such as 30s or 5m");
        }

        if (timeout > limits.MaxTimeout)
        {
            throw new PublishRejectedException($"{headerName} {text} is longer than the maximum timeout {Durations.Format(limits.MaxTimeout)}");
        }

        return timeout;
    }

    private string? ParseCallbackUrl(string? text, string headerName) =>
        text is null ? null : destinations.Validate(text.Trim(), headerName);

    private static List<string> ParseLabels(IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            return [];
        }

        var labels = new List<string>();
        foreach (var value in values)
        {
            foreach (var part in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (part.Length > 256 || !HeaderName.IsValidValue(part))
                {
                    throw new PublishRejectedException($"invalid {UpstashHeaders.Label} '{part}': labels are at most 256 printable characters");
                }

                if (!labels.Contains(part, StringComparer.Ordinal))
                {
                    labels.Add(part);
                }
            }
        }

        return labels;
    }
}
