namespace Herald.Client.Publishing;

/// <summary>The delivery settings shared by a publish and a schedule; <see cref="PublishHeaders"/> turns them into headers.</summary>
internal interface IMessageSettings
{
    string? ContentType { get; }

    HttpMethod? Method { get; }

    TimeSpan? Delay { get; }

    int? Retries { get; }

    string? RetryDelay { get; }

    TimeSpan? Timeout { get; }

    string? Callback { get; }

    CallbackOptions? CallbackOptions { get; }

    string? FailureCallback { get; }

    CallbackOptions? FailureCallbackOptions { get; }

    IReadOnlyDictionary<string, string>? Headers { get; }

    FlowControlOptions? FlowControl { get; }

    IReadOnlyList<string>? Labels { get; }

    RedactOptions? Redact { get; }
}
