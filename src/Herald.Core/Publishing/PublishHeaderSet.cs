using Herald.Contracts.Headers;

namespace Herald.Core.Publishing;

/// <summary>
/// A publish request's headers sorted into what Herald reads (configuration), what it forwards to the destination,
/// and what configures callbacks. Telemetry and ordinary client headers are dropped.
/// </summary>
internal sealed class PublishHeaderSet
{
    private const string CallbackPrefix = "Upstash-Callback-";
    private const string FailureCallbackPrefix = "Upstash-Failure-Callback-";
    private const int MaxForwardedHeaders = 100;
    private const int MaxHeaderValueLength = 8192;

    // Hop-by-hop and framing headers never reach the destination, and Herald's own delivery headers cannot be forged.
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Content-Length", "Transfer-Encoding", "Connection", "Keep-Alive", "Upgrade", "Te", "Trailer",
        "Proxy-Connection", "Proxy-Authorization", "Expect",
        UpstashHeaders.Signature, UpstashHeaders.MessageId, UpstashHeaders.Retried,
    };

    // Headers of the publish request itself that Upstash-Header-Forward does not pass on.
    private static readonly HashSet<string> NotForwardedByHeaderForward = new(StringComparer.OrdinalIgnoreCase)
    {
        "Authorization", "Accept-Encoding", "Cookie",
    };

    private readonly Dictionary<string, List<string>> _config = new(StringComparer.OrdinalIgnoreCase);
    private Dictionary<string, string[]> _forwarded = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string[]> _callback = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string[]> _failureCallback = new(StringComparer.OrdinalIgnoreCase);

    private PublishHeaderSet()
    {
    }

    public IReadOnlyDictionary<string, string[]> Forwarded => _forwarded;

    public IReadOnlyDictionary<string, string[]> CallbackConfig => _callback;

    public IReadOnlyDictionary<string, string[]> FailureCallbackConfig => _failureCallback;

    public static PublishHeaderSet Collect(IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        var set = new PublishHeaderSet();
        var forwardAll = false;
        foreach (var (name, value) in headers)
        {
            if (name.Equals(UpstashHeaders.HeaderForward, StringComparison.OrdinalIgnoreCase))
            {
                forwardAll = value.Trim().Equals("true", StringComparison.OrdinalIgnoreCase);
            }
        }

        string? plainContentType = null;
        foreach (var (name, value) in headers)
        {
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                plainContentType ??= value;
                continue;
            }

            if (name.StartsWith(UpstashHeaders.ForwardPrefix, StringComparison.OrdinalIgnoreCase))
            {
                set.AddForwarded(name[UpstashHeaders.ForwardPrefix.Length..], value, strict: true);
            }
            else if (name.StartsWith(FailureCallbackPrefix, StringComparison.OrdinalIgnoreCase))
            {
                Add(set._failureCallback, name[FailureCallbackPrefix.Length..], value);
            }
            else if (name.StartsWith(CallbackPrefix, StringComparison.OrdinalIgnoreCase))
            {
                Add(set._callback, name[CallbackPrefix.Length..], value);
            }
            else if (name.StartsWith(UpstashHeaders.Prefix, StringComparison.OrdinalIgnoreCase))
            {
                if (!name.StartsWith(UpstashHeaders.TelemetryPrefix, StringComparison.OrdinalIgnoreCase))
                {
                    if (!set._config.TryGetValue(name, out var list))
                    {
                        set._config[name] = list = [];
                    }

                    list.Add(value);
                }
            }
            else if (forwardAll && !NotForwardedByHeaderForward.Contains(name) && !Reserved.Contains(name))
            {
                set.AddForwarded(name, value, strict: false);
            }
        }

        if (plainContentType is not null)
        {
            // The plain header is the content type; a forwarded Content-Type counts only when there is none.
            var ordered = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase) { ["Content-Type"] = [plainContentType] };
            foreach (var pair in set._forwarded.Where(p => !p.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)))
            {
                ordered[pair.Key] = pair.Value;
            }

            set._forwarded = ordered;
        }

        return set;
    }

    /// <summary>The value of a configuration header given at most once; null when absent.</summary>
    public string? Single(string name)
    {
        if (!_config.TryGetValue(name, out var values))
        {
            return null;
        }

        if (values.Count > 1 && values.Distinct(StringComparer.Ordinal).Count() > 1)
        {
            throw new PublishRejectedException($"{name} is given more than once with different values");
        }

        return values[0];
    }

    /// <summary>Every value of a configuration header that may repeat.</summary>
    public IReadOnlyList<string> All(string name) => _config.TryGetValue(name, out var values) ? values : [];

    private void AddForwarded(string rawName, string value, bool strict)
    {
        if (!HeaderName.IsValid(rawName))
        {
            throw new PublishRejectedException($"invalid forwarded header name '{rawName}'");
        }

        var name = HeaderName.Canonicalize(rawName);
        if (Reserved.Contains(name))
        {
            if (strict)
            {
                throw new PublishRejectedException($"header '{name}' cannot be forwarded: Herald sets it itself");
            }

            return;
        }

        if (value.Length > MaxHeaderValueLength || !HeaderName.IsValidValue(value))
        {
            throw new PublishRejectedException($"invalid value for forwarded header '{name}': control characters or longer than {MaxHeaderValueLength} characters");
        }

        if (!_forwarded.ContainsKey(name) && _forwarded.Count >= MaxForwardedHeaders)
        {
            throw new PublishRejectedException($"too many forwarded headers: at most {MaxForwardedHeaders}");
        }

        Add(_forwarded, name, value);
    }

    private static void Add(Dictionary<string, string[]> target, string rawName, string value)
    {
        if (!HeaderName.IsValid(rawName) || !HeaderName.IsValidValue(value))
        {
            throw new PublishRejectedException($"invalid header '{rawName}'");
        }

        var name = HeaderName.Canonicalize(rawName);
        target[name] = target.TryGetValue(name, out var existing) ? [.. existing, value] : [value];
    }
}
