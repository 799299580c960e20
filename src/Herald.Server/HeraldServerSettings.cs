
namespace Herald.Server;

/// <summary>How the <c>herald</c> command (or a test) wants the server built.</summary>
public sealed class HeraldServerSettings
{
    public HeraldMode Mode { get; init; } = HeraldMode.Serve;

    /// <summary>Overrides <c>Server:Port</c>.</summary>
    public int? Port { get; init; }

    /// <summary>Overrides <c>Storage:Sqlite:DataDirectory</c>.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>A JSON configuration file (serve), read before <c>HERALD_</c> environment variables.</summary>
    public string? ConfigFile { get; init; }

    /// <summary>Extra configuration applied last (tests).</summary>
    public IReadOnlyDictionary<string, string?>? Configuration { get; init; }

    /// <summary>Service overrides applied after Herald's registrations (tests: clocks, DNS).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }

    /// <summary>Where log lines go; null keeps the console logger.</summary>
    public bool QuietConsole { get; init; }
}
