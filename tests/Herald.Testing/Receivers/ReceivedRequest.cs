namespace Herald.Testing.Receivers;

/// <summary>One request as the receiver saw it.</summary>
public sealed record ReceivedRequest(
    string Method,
    string PathAndQuery,
    string Url,
    IReadOnlyDictionary<string, string> Headers,
    byte[] Body,
    DateTimeOffset ReceivedAt,
    int AttemptForPath)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
