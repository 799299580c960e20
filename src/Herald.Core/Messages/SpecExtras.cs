namespace Herald.Core.Messages;

/// <summary>The rarely-set parts of a <see cref="MessageSpec"/>, stored together as one JSON column.</summary>
internal sealed record SpecExtras
{
    public string? Callback { get; init; }

    public string? FailureCallback { get; init; }

    public Dictionary<string, string[]>? CallbackHeaders { get; init; }

    public Dictionary<string, string[]>? FailureCallbackHeaders { get; init; }

    public bool? RedactBody { get; init; }

    public bool? RedactAllHeaders { get; init; }

    public string[]? RedactHeaders { get; init; }

    public int? FlowParallelism { get; init; }

    public int? FlowRate { get; init; }

    public long? FlowPeriodMs { get; init; }

    public string? TraceParent { get; init; }
}
