namespace Herald.Server;

public enum HeraldMode
{
    /// <summary>Local development: QStash's published dev tokens and keys, loopback destinations allowed.</summary>
    Dev,

    /// <summary>Production: tenants from configuration, non-public destinations refused unless allow-listed.</summary>
    Serve,
}
