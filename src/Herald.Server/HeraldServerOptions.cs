using Herald.Core.Configuration;

namespace Herald.Server;

/// <summary>Where the API listens (configuration section <c>Server</c>).</summary>
public sealed class HeraldServerOptions
{
    public const string SectionName = "Server";

    /// <summary>The address to bind. <value>0.0.0.0 (serve), 127.0.0.1 (dev)</value></summary>
    public string Address { get; set; } = "0.0.0.0";

    /// <summary>The port to bind; 0 picks a free one. <value>8080</value></summary>
    public int Port { get; set; } = 8080;

    /// <summary>The largest request body Kestrel accepts on any route (publish bodies are limited by Messages:MaxBodySize). <value>16 MiB</value></summary>
    public ByteSize MaxRequestBodySize { get; set; } = ByteSize.FromMebibytes(16);

    /// <summary>Trust <c>X-Forwarded-For</c> for the caller IP (only behind a proxy you control). <value>false</value></summary>
    public bool TrustForwardedFor { get; set; }
}
