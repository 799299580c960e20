using System.Text.Json;

namespace Herald.Core.Messages;

/// <summary>How stores persist header maps and the rarely-set parts of a spec, so every store reads the same JSON.</summary>
public static class StoredJson
{
    private static readonly Dictionary<string, string[]> EmptyHeaders = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>JSON metadata for a string array (lists of secrets, labels).</summary>
    public static System.Text.Json.Serialization.Metadata.JsonTypeInfo<string[]> StringArray => StoredJsonContext.Default.StringArray;

    public static string SerializeHeaders(IReadOnlyDictionary<string, string[]> headers)
    {
        if (headers.Count == 0)
        {
            return "{}";
        }

        var dictionary = headers as Dictionary<string, string[]> ?? headers.ToDictionary(StringComparer.OrdinalIgnoreCase);
        return JsonSerializer.Serialize(dictionary, StoredJsonContext.Default.DictionaryStringStringArray);
    }

    public static IReadOnlyDictionary<string, string[]> DeserializeHeaders(string? json)
    {
        if (string.IsNullOrEmpty(json) || json == "{}")
        {
            return EmptyHeaders;
        }

        var parsed = JsonSerializer.Deserialize(json, StoredJsonContext.Default.DictionaryStringStringArray);
        return parsed is null ? EmptyHeaders : new Dictionary<string, string[]>(parsed, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The JSON of the spec's callbacks, redaction, flow-control limits and trace context; null when none is set.</summary>
    public static string? SerializeExtras(MessageSpec spec)
    {
        if (spec.Callback is null && spec.FailureCallback is null && spec.Redact is null && spec.FlowControl is null
            && spec.TraceParent is null)
        {
            return null;
        }

        var extras = new SpecExtras
        {
            Callback = spec.Callback,
            FailureCallback = spec.FailureCallback,
            CallbackHeaders = ToDictionary(spec.CallbackHeaders),
            FailureCallbackHeaders = ToDictionary(spec.FailureCallbackHeaders),
            RedactBody = spec.Redact?.Body,
            RedactAllHeaders = spec.Redact?.AllHeaders,
            RedactHeaders = spec.Redact is { Headers.Count: > 0 } r ? [.. r.Headers] : null,
            FlowParallelism = spec.FlowControl?.Parallelism,
            FlowRate = spec.FlowControl?.Rate,
            FlowPeriodMs = spec.FlowControl is { } f ? (long)f.Period.TotalMilliseconds : null,
            TraceParent = spec.TraceParent,
        };
        return JsonSerializer.Serialize(extras, StoredJsonContext.Default.SpecExtras);
    }

    /// <summary>Applies stored extras (and the flow-control key column) to a spec read from storage.</summary>
    public static MessageSpec WithExtras(MessageSpec spec, string? extrasJson, string? flowControlKey)
    {
        if (string.IsNullOrEmpty(extrasJson))
        {
            return flowControlKey is null ? spec : spec with { FlowControl = new FlowControl(flowControlKey, null, null, FlowControl.DefaultPeriod) };
        }

        var e = JsonSerializer.Deserialize(extrasJson, StoredJsonContext.Default.SpecExtras)
            ?? throw new InvalidDataException("stored message extras are not valid JSON");
        return spec with
        {
            Callback = e.Callback,
            FailureCallback = e.FailureCallback,
            CallbackHeaders = e.CallbackHeaders,
            FailureCallbackHeaders = e.FailureCallbackHeaders,
            Redact = e.RedactBody is null && e.RedactAllHeaders is null && e.RedactHeaders is null
                ? null
                : new RedactFields(e.RedactBody ?? false, e.RedactAllHeaders ?? false, e.RedactHeaders ?? []),
            FlowControl = flowControlKey is null
                ? null
                : new FlowControl(
                    flowControlKey,
                    e.FlowParallelism,
                    e.FlowRate,
                    e.FlowPeriodMs is { } ms ? TimeSpan.FromMilliseconds(ms) : FlowControl.DefaultPeriod),
            TraceParent = e.TraceParent,
        };
    }

    /// <summary>Labels are stored newline-delimited with a leading and trailing newline so one label matches exactly.</summary>
    public static string? JoinLabels(IReadOnlyList<string> labels) =>
        labels.Count == 0 ? null : string.Concat("\n", string.Join('\n', labels), "\n");

    public static IReadOnlyList<string> SplitLabels(string? joined) =>
        string.IsNullOrEmpty(joined) ? [] : joined.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static Dictionary<string, string[]>? ToDictionary(IReadOnlyDictionary<string, string[]>? headers) =>
        headers is null or { Count: 0 } ? null : headers as Dictionary<string, string[]> ?? headers.ToDictionary();
}
