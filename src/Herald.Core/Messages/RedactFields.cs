namespace Herald.Core.Messages;

/// <summary>What <c>Upstash-Redact-Fields</c> asks to hide in logs and API responses.</summary>
public sealed record RedactFields(bool Body, bool AllHeaders, IReadOnlyList<string> Headers)
{
    public bool IsHeaderRedacted(string name) =>
        AllHeaders || Headers.Any(h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase));
}
