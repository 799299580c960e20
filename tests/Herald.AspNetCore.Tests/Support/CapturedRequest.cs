namespace Herald.AspNetCore.Tests.Support;

/// <summary>A request as it reached the receiver app, before verification: what a replay sends again.</summary>
public sealed class CapturedRequest
{
    public required string Path { get; init; }

    public required IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; }

    public required byte[] Body { get; init; }

    /// <summary>The status the app answered (set when the response is done; 0 before).</summary>
    public int Status { get; set; }

    public string? Header(string name) =>
        Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).FirstOrDefault();
}
