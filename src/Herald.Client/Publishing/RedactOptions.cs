namespace Herald.Client.Publishing;

/// <summary>
/// What the server shows as <c>REDACTED:&lt;sha256&gt;</c> in logs and API answers (<c>Upstash-Redact-Fields</c>);
/// deliveries keep the real values.
/// </summary>
public sealed record RedactOptions
{
    /// <summary>Redact the body (<c>body</c>).</summary>
    public bool Body { get; init; }

    /// <summary>Redact every header (<c>header</c>).</summary>
    public bool AllHeaders { get; init; }

    /// <summary>Redact these headers by name (<c>header[Name]</c>).</summary>
    public IReadOnlyList<string>? Headers { get; init; }
}
