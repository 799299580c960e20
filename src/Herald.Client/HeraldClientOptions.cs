namespace Herald.Client;

/// <summary>Where the API is and how to authenticate to it.</summary>
public sealed class HeraldClientOptions
{
    /// <summary>
    /// The server's base address, e.g. <c>http://127.0.0.1:8080</c> for <c>herald dev</c> or
    /// <c>https://qstash.upstash.io</c> for Upstash QStash. When <see langword="null"/>, the
    /// <see cref="HttpClient.BaseAddress"/> of the client passed to <see cref="HeraldClient"/> is used.
    /// </summary>
    /// <value>Default: <see langword="null"/>.</value>
    public Uri? BaseAddress { get; set; }

    /// <summary>
    /// The bearer token (<c>QSTASH_TOKEN</c>) sent as <c>Authorization: Bearer</c> on every request. When
    /// <see langword="null"/>, no authorization header is added (the <see cref="HttpClient"/> may carry its own).
    /// </summary>
    /// <value>Default: <see langword="null"/>.</value>
    public string? Token { get; set; }
}
